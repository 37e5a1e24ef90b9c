// Test backends: gRPC servers on [::1] that answer one unary method with the version they stand for, so a
// test sees where each RPC was routed. Raw bytes as messages: no proto needed for a name.
import * as grpc from "@grpc/grpc-js";

export const WHO_METHOD = "/meshc.test.Who/Version";

const identity = { serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b };

export interface Backend {
  readonly name: string;
  readonly port: number;
  close(): void;
}

export async function startBackend(name: string): Promise<Backend> {
  const server = new grpc.Server();
  server.addService(
    { Version: { path: WHO_METHOD, requestStream: false, responseStream: false, requestSerialize: identity.serialize, requestDeserialize: identity.deserialize, responseSerialize: identity.serialize, responseDeserialize: identity.deserialize } } as grpc.ServiceDefinition,
    { Version: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => done(null, Buffer.from(name)) },
  );
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("[::1]:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { name, port, close: () => server.forceShutdown() };
}

/** One RPC through `client`; resolves with the answering backend's name. */
export function who(client: grpc.Client, headers: Record<string, string> = {}): Promise<string> {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(WHO_METHOD, identity.serialize, identity.deserialize, Buffer.alloc(0), metadata, { deadline: Date.now() + 5000 }, (e, r) => (e ? reject(e) : resolve(r!.toString()))),
  );
}

/** How many of `n` RPCs each backend answered. */
export async function spread(client: grpc.Client, n: number, headers: Record<string, string> = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => who(client, headers)));
    for (const name of batch) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
