// Discovery responses as bytes, made from pieces encoded once. A zone's 2 000 sidecars are sent the same
// clusters and endpoints over and over; protobuf lets a message be written as the concatenation of its
// fields, so each resource's field (an Any for the state of the world, a Resource for delta) is encoded once,
// with the resource, and its bytes are reused in every response that carries it. The gRPC codec
// (ads-codec.ts) passes a Buffer through as the encoded message.
// https://protobuf.dev/programming-guides/encoding/#optional (a message is a sequence of fields, in any order)
import * as protobuf from "protobufjs";
import type { EncodedResource } from "./xds-types";

/** Field numbers of envoy/service/discovery/v3/discovery.proto. */
const DISCOVERY_RESPONSE = { versionInfo: 1, resources: 2, typeUrl: 4, nonce: 5 } as const;
const DELTA_RESPONSE = { systemVersionInfo: 1, resources: 2, typeUrl: 4, nonce: 5, removedResources: 6 } as const;
const LENGTH_DELIMITED = 2;

/** Field numbers of google/protobuf/any.proto and of envoy.service.discovery.v3.Resource. */
const ANY = { typeUrl: 1, value: 2 } as const;
const RESOURCE = { version: 1, resource: 2, name: 3 } as const;

function lengthDelimited(writer: protobuf.Writer, field: number): protobuf.Writer {
  return writer.uint32((field << 3) | LENGTH_DELIMITED);
}

/** A proto3 string field: the empty string is its default, and is not written. */
function singular(writer: protobuf.Writer, field: number, value: string): void {
  if (value !== "") lengthDelimited(writer, field).string(value);
}

function repeated(writer: protobuf.Writer, field: number, values: readonly string[]): void {
  for (const v of values) lengthDelimited(writer, field).string(v);
}

/**
 * A resource's field in each response type, made once when the resource is encoded: field 2 of a
 * DiscoveryResponse (its Any) and field 2 of a DeltaDiscoveryResponse (a Resource with name, version, Any).
 */
export function resourcePieces(name: string, version: string, any: EncodedResource["any"]): EncodedResource["wire"] {
  const anyWriter = protobuf.Writer.create();
  singular(anyWriter, ANY.typeUrl, any.type_url);
  if (any.value.length) lengthDelimited(anyWriter, ANY.value).bytes(any.value);
  const anyBytes = anyWriter.finish();
  const resource = protobuf.Writer.create();
  singular(resource, RESOURCE.version, version);
  lengthDelimited(resource, RESOURCE.resource).bytes(anyBytes);
  singular(resource, RESOURCE.name, name);
  return {
    sotw: lengthDelimited(protobuf.Writer.create(), DISCOVERY_RESPONSE.resources).bytes(anyBytes).finish(),
    delta: lengthDelimited(protobuf.Writer.create(), DELTA_RESPONSE.resources).bytes(resource.finish()).finish(),
  };
}

/** An envoy.service.discovery.v3.DiscoveryResponse. */
export function discoveryResponse(version: string, resources: readonly EncodedResource[], typeUrl: string, nonce: string): Buffer {
  const head = protobuf.Writer.create();
  singular(head, DISCOVERY_RESPONSE.versionInfo, version);
  singular(head, DISCOVERY_RESPONSE.typeUrl, typeUrl);
  singular(head, DISCOVERY_RESPONSE.nonce, nonce);
  return Buffer.concat([head.finish(), ...resources.map((r) => r.wire.sotw)]);
}

/** An envoy.service.discovery.v3.DeltaDiscoveryResponse. */
export function deltaDiscoveryResponse(systemVersion: string, resources: readonly EncodedResource[], typeUrl: string, removed: readonly string[], nonce: string): Buffer {
  const head = protobuf.Writer.create();
  singular(head, DELTA_RESPONSE.systemVersionInfo, systemVersion);
  singular(head, DELTA_RESPONSE.typeUrl, typeUrl);
  singular(head, DELTA_RESPONSE.nonce, nonce);
  repeated(head, DELTA_RESPONSE.removedResources, removed);
  return Buffer.concat([head.finish(), ...resources.map((r) => r.wire.delta)]);
}
