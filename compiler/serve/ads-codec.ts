// The gRPC service Envoy's ADS clients call, with protobufjs types from Envoy's own protos as the codec.
// grpc-js takes a ServiceDefinition of (path, serialize, deserialize); no generated code or proto-loader pass.
// https://github.com/envoyproxy/envoy/blob/main/api/envoy/service/discovery/v3/ads.proto
import type { ServiceDefinition } from "@grpc/grpc-js";
import type * as protobuf from "protobufjs";
import { envoyProtos } from "../validate/envoy/proto-registry";
import { isPending, type PendingResponse } from "./wire";

const SERVICE = "/envoy.service.discovery.v3.AggregatedDiscoveryService/";

/** Where pending responses are written; grown to the largest response so far. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * A pending response (wire.ts) is written into `scratch`, and the view returned is valid only until the next
 * one: grpc-js 1.14 copies what the serializer returns into its own framed buffer before it returns
 * (server-interceptors.js, serializeMessage), and serializes one message at a time.
 */
function intoScratch(m: PendingResponse): Buffer {
  if (scratch.length < m.size) scratch = Buffer.allocUnsafe(Math.max(m.size, scratch.length * 2));
  m.write(scratch);
  return scratch.subarray(0, m.size);
}

function codec(name: string): { encode: (m: object) => Buffer; decode: (b: Buffer) => any } {
  const type: protobuf.Type = envoyProtos().root.lookupType(name);
  // A Buffer is a message already encoded; a pending response is assembled from pieces encoded once (wire.ts).
  return { encode: (m) => (isPending(m) ? intoScratch(m) : Buffer.isBuffer(m) ? m : Buffer.from(type.encode(m as protobuf.Message).finish())), decode: (b) => type.decode(b) };
}

function method(name: string, request: string, response: string) {
  const req = codec(request);
  const res = codec(response);
  return {
    path: SERVICE + name,
    requestStream: true,
    responseStream: true,
    requestSerialize: req.encode,
    requestDeserialize: req.decode,
    responseSerialize: res.encode,
    responseDeserialize: res.decode,
  };
}

let definition: ServiceDefinition | undefined;

/** StreamAggregatedResources (state of the world) and DeltaAggregatedResources (incremental). */
export function adsServiceDefinition(): ServiceDefinition {
  definition ??= {
    StreamAggregatedResources: method("StreamAggregatedResources", "envoy.service.discovery.v3.DiscoveryRequest", "envoy.service.discovery.v3.DiscoveryResponse"),
    DeltaAggregatedResources: method("DeltaAggregatedResources", "envoy.service.discovery.v3.DeltaDiscoveryRequest", "envoy.service.discovery.v3.DeltaDiscoveryResponse"),
  } as ServiceDefinition;
  return definition;
}
