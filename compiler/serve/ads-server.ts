// The zone's ADS server on @grpc/grpc-js: both discovery protocols (sotw.ts, delta.ts) over one snapshot,
// each open stream registered under the sidecar config it serves, so a change is pushed only to the streams
// of the configs it changed. With TLS, client certificates are required and prove each node's claim
// (node-identity.ts).
import * as grpc from "@grpc/grpc-js";
import { adsServiceDefinition } from "./ads-codec";
import { deltaStream } from "./delta";
import { identify, nodeClaim } from "./node-identity";
import type { ZoneSnapshot } from "./snapshot";
import { sotwStream } from "./sotw";
import type { AttachableCall, StreamContext, XdsStream } from "./stream-context";

export interface ServerTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** The mesh's root: client certificates must chain to it. */
  readonly ca: Buffer;
}

export interface AdsServerOptions {
  readonly zone: string;
  readonly snapshot: () => ZoneSnapshot;
  readonly tls?: ServerTls;
  readonly log: (line: string) => void;
}

export interface AdsServer {
  /** Binds (e.g. "[::]:15010"); returns the port. */
  listen(address: string): Promise<number>;
  /** Pushes the current config to the streams of these keys; returns how many streams were pushed. */
  push(keys: Iterable<string>): number;
  /** Open, identified streams. */
  streams(): number;
  close(): Promise<void>;
}

function grpcError(code: grpc.status, details: string): Error & { code: number; details: string } {
  return Object.assign(new Error(details), { code, details });
}

export function adsServer(options: AdsServerOptions): AdsServer {
  // Channelz stays on (grpc-js's default) although this server offers no channelz service: with
  // "grpc.enable_channelz": 0, grpc-js 1.14 does not track sessions, so forceShutdown() leaves them open.
  const server = new grpc.Server({ "grpc.max_concurrent_streams": 1 << 20, "grpc.keepalive_permit_without_calls": 1 });
  const byKey = new Map<string, Map<XdsStream, { workload: string; shape: "envoy" | "grpc" }>>();
  const keyOf = new Map<XdsStream, string>();
  let count = 0;

  const ctx: StreamContext = {
    log: options.log,
    attach(node: unknown, call: AttachableCall, stream: XdsStream) {
      const snapshot = options.snapshot();
      const claim = nodeClaim(node);
      const sans = call.getAuthContext?.()?.sslPeerCertificate?.subjectaltname;
      const who = identify({ claim, zone: options.zone, workload: snapshot.workload, certificateSans: sans, tls: options.tls !== undefined });
      if (!who.ok) {
        options.log(`refused: ${who.reason}`);
        call.emit("error", grpcError(grpc.status.PERMISSION_DENIED, who.reason));
        return undefined;
      }
      const config = snapshot.get(who.workload, who.shape);
      if (typeof config === "string") {
        options.log(`cannot serve node ${claim.id}: ${config}`);
        call.emit("error", grpcError(grpc.status.UNAVAILABLE, "its config does not pass Envoy's API checks; see the server's log"));
        return undefined;
      }
      let set = byKey.get(config.key);
      if (!set) byKey.set(config.key, (set = new Map()));
      set.set(stream, { workload: who.workload.name, shape: who.shape });
      keyOf.set(stream, config.key);
      count++;
      return config;
    },
    detach(stream) {
      const key = keyOf.get(stream);
      if (key === undefined) return;
      keyOf.delete(stream);
      byKey.get(key)?.delete(stream);
      count--;
    },
  };
  server.addService(adsServiceDefinition(), {
    StreamAggregatedResources: (call: grpc.ServerDuplexStream<any, any>) => sotwStream(call, ctx),
    DeltaAggregatedResources: (call: grpc.ServerDuplexStream<any, any>) => deltaStream(call, ctx),
  });

  return {
    listen(address) {
      const credentials = options.tls
        ? grpc.ServerCredentials.createSsl(options.tls.ca, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], true)
        : grpc.ServerCredentials.createInsecure();
      return new Promise((resolve, reject) => server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port))));
    },
    push(keys) {
      const snapshot = options.snapshot();
      let pushed = 0;
      for (const key of keys) {
        const streams = byKey.get(key);
        if (!streams?.size) continue;
        const [first] = streams.values();
        const w = snapshot.workloadNamed(first!.workload);
        const config = w ? snapshot.get(w, first!.shape) : undefined;
        if (!config || typeof config === "string") continue;
        for (const stream of streams.keys()) (stream.push(config), pushed++);
      }
      return pushed;
    },
    streams: () => count,
    // Streams stay open for as long as sidecars run: end them now (a sidecar keeps its config and reconnects).
    close: async () => server.forceShutdown(),
  };
}
