// The gRPC service Envoy's ADS clients call, with protobufjs types from Envoy's own protos as the codec.
// grpc-js takes a ServiceDefinition of (path, serialize, deserialize); no generated code or proto-loader pass.
// https://github.com/envoyproxy/envoy/blob/main/api/envoy/service/discovery/v3/ads.proto
import type { ServiceDefinition } from "@grpc/grpc-js";
import type * as protobuf from "protobufjs";
import { envoyProtos } from "../validate/envoy/proto-registry";

const SERVICE = "/envoy.service.discovery.v3.AggregatedDiscoveryService/";

function codec(name: string): { encode: (m: object) => Buffer; decode: (b: Buffer) => any } {
  const type: protobuf.Type = envoyProtos().root.lookupType(name);
  // A Buffer is a message already encoded (wire.ts builds responses from pieces encoded once).
  return { encode: (m) => (Buffer.isBuffer(m) ? m : Buffer.from(type.encode(m as protobuf.Message).finish())), decode: (b) => type.decode(b) };
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
