// Discovery responses as bytes, made from pieces encoded once. A zone's 2 000 sidecars are sent the same
// clusters and endpoints over and over; protobuf lets a message be written as the concatenation of its
// fields, so each resource's field (an Any for the state of the world, a Resource for delta) is encoded the
// first time it is sent and its bytes are reused in every later response that carries it. The gRPC codec
// (ads-codec.ts) passes a Buffer through as the encoded message.
// https://protobuf.dev/programming-guides/encoding/#optional (a message is a sequence of fields, in any order)
import * as protobuf from "protobufjs";
import { envoyProtos } from "../validate/envoy/proto-registry";
import type { EncodedResource } from "./xds-types";

/** Field numbers of envoy/service/discovery/v3/discovery.proto. */
const DISCOVERY_RESPONSE = { versionInfo: 1, resources: 2, typeUrl: 4, nonce: 5 } as const;
const DELTA_RESPONSE = { systemVersionInfo: 1, resources: 2, typeUrl: 4, nonce: 5, removedResources: 6 } as const;
const LENGTH_DELIMITED = 2;

const anyField = new WeakMap<EncodedResource, Uint8Array>();
const resourceField = new WeakMap<EncodedResource, Uint8Array>();

let anyType: protobuf.Type | undefined;
let resourceType: protobuf.Type | undefined;

function lengthDelimited(field: number, bytes: Uint8Array): Uint8Array {
  return protobuf.Writer.create().uint32((field << 3) | LENGTH_DELIMITED).bytes(bytes).finish();
}

/** A proto3 string field: the empty string is its default, and is not written. */
function singular(writer: protobuf.Writer, field: number, value: string): void {
  if (value !== "") writer.uint32((field << 3) | LENGTH_DELIMITED).string(value);
}

function repeated(writer: protobuf.Writer, field: number, values: readonly string[]): void {
  for (const v of values) writer.uint32((field << 3) | LENGTH_DELIMITED).string(v);
}

/** field 2 of DiscoveryResponse: the resource's Any. */
function sotwPiece(r: EncodedResource): Uint8Array {
  let piece = anyField.get(r);
  if (!piece) {
    anyType ??= envoyProtos().root.lookupType("google.protobuf.Any");
    piece = lengthDelimited(DISCOVERY_RESPONSE.resources, anyType.encode(r.any).finish());
    anyField.set(r, piece);
  }
  return piece;
}

/** field 2 of DeltaDiscoveryResponse: a Resource with the name, version and Any. */
function deltaPiece(r: EncodedResource): Uint8Array {
  let piece = resourceField.get(r);
  if (!piece) {
    resourceType ??= envoyProtos().root.lookupType("envoy.service.discovery.v3.Resource");
    piece = lengthDelimited(DELTA_RESPONSE.resources, resourceType.encode({ name: r.name, version: r.version, resource: r.any }).finish());
    resourceField.set(r, piece);
  }
  return piece;
}

/** An envoy.service.discovery.v3.DiscoveryResponse. */
export function discoveryResponse(version: string, resources: readonly EncodedResource[], typeUrl: string, nonce: string): Buffer {
  const head = protobuf.Writer.create();
  singular(head, DISCOVERY_RESPONSE.versionInfo, version);
  singular(head, DISCOVERY_RESPONSE.typeUrl, typeUrl);
  singular(head, DISCOVERY_RESPONSE.nonce, nonce);
  return Buffer.concat([head.finish(), ...resources.map(sotwPiece)]);
}

/** An envoy.service.discovery.v3.DeltaDiscoveryResponse. */
export function deltaDiscoveryResponse(systemVersion: string, resources: readonly EncodedResource[], typeUrl: string, removed: readonly string[], nonce: string): Buffer {
  const head = protobuf.Writer.create();
  singular(head, DELTA_RESPONSE.systemVersionInfo, systemVersion);
  singular(head, DELTA_RESPONSE.typeUrl, typeUrl);
  singular(head, DELTA_RESPONSE.nonce, nonce);
  repeated(head, DELTA_RESPONSE.removedResources, removed);
  return Buffer.concat([head.finish(), ...resources.map(deltaPiece)]);
}
