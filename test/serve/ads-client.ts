// A raw ADS client for protocol tests and the benchmark: grpc-js with the server's own codec (Envoy's protos),
// one duplex stream, responses read in order.
import * as grpc from "@grpc/grpc-js";
import { adsServiceDefinition } from "../../compiler/api";

const Client = grpc.makeGenericClientConstructor(adsServiceDefinition(), "AggregatedDiscoveryService");

export interface AdsStream {
  send(request: object): void;
  /** The next response (or the stream's error). */
  next(): Promise<any>;
  close(): void;
}

export function adsClient(port: number, credentials = grpc.credentials.createInsecure(), options: grpc.ChannelOptions = {}): grpc.Client & Record<string, any> {
  return new Client(`[::1]:${port}`, credentials, options) as grpc.Client & Record<string, any>;
}

export function openStream(client: grpc.Client & Record<string, any>, method: "StreamAggregatedResources" | "DeltaAggregatedResources"): AdsStream {
  const call: grpc.ClientDuplexStream<object, any> = client[method]();
  const queue: any[] = [];
  const waiting: ((v: any) => void)[] = [];
  const deliver = (v: any) => (waiting.length ? waiting.shift()!(v) : queue.push(v));
  call.on("data", deliver);
  call.on("error", (e) => deliver(e));
  return {
    send: (r) => call.write(r),
    next: () => new Promise((resolve) => (queue.length ? resolve(queue.shift()) : waiting.push(resolve))),
    close: () => call.cancel(),
  };
}

export function node(service: string, version: string, namespace: string, zone: string, id = `${service}-${version}.${namespace}.${zone}`): object {
  return {
    id,
    locality: { zone },
    user_agent_name: "envoy",
    metadata: { fields: { namespace: { stringValue: namespace }, service: { stringValue: service }, version: { stringValue: version } } },
  };
}
