// Discovery responses as bytes, made from pieces encoded once. A zone's 2 000 sidecars are sent the same
// clusters and endpoints over and over; protobuf lets a message be written as the concatenation of its
// fields, so each resource's field (an Any for the state of the world, a Resource for delta) is encoded once,
// with the resource, and its bytes are reused in every response that carries it. A response is written out
// only when the gRPC codec (ads-codec.ts) serializes it (PendingResponse, below).
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

/**
 * A response whose bytes are written only when grpc-js serializes it (ads-codec.ts), into one buffer reused for
 * every response: grpc-js copies the serialized message behind its 5-byte frame header at once
 * (server-interceptors.js, serializeMessage), so a fresh buffer per response, assembled and then copied again,
 * was an allocation of every response's size, twice, for each of 2 000 sidecars' 4 types.
 */
export interface PendingResponse {
  readonly [PENDING]: true;
  readonly size: number;
  /** Writes the message into `into` (at least `size` bytes) from its start. */
  write(into: Buffer): void;
}

export const PENDING: unique symbol = Symbol("meshc.pending-response") as never;

export function isPending(m: unknown): m is PendingResponse {
  return typeof m === "object" && m !== null && (m as Partial<PendingResponse>)[PENDING] === true;
}

/** A proto3 string field (tag, length, UTF-8), left out when empty as proto3 does: [field, text, its byte length]. */
type StringField = readonly [field: number, text: string, bytes: number];

function varintSize(n: number): number {
  let size = 1;
  for (; n >= 0x80; n >>>= 7) size++;
  return size;
}

function writeVarint(into: Buffer, at: number, n: number): number {
  for (; n >= 0x80; n >>>= 7) into[at++] = (n & 0x7f) | 0x80;
  into[at++] = n;
  return at;
}

function pending(strings: readonly StringField[], resources: readonly Uint8Array[]): PendingResponse {
  let size = 0;
  for (const [field, , bytes] of strings) size += varintSize((field << 3) | LENGTH_DELIMITED) + varintSize(bytes) + bytes;
  for (const r of resources) size += r.length;
  return {
    [PENDING]: true,
    size,
    write(into) {
      let at = 0;
      for (const [field, text, bytes] of strings) {
        at = writeVarint(into, at, (field << 3) | LENGTH_DELIMITED);
        at = writeVarint(into, at, bytes);
        at += into.write(text, at, bytes, "utf8");
      }
      for (const r of resources) (into.set(r, at), (at += r.length));
    },
  };
}

const field = (n: number, text: string): StringField[] => (text === "" ? [] : [[n, text, Buffer.byteLength(text, "utf8")]]);

/** An envoy.service.discovery.v3.DiscoveryResponse: its head fields, then each resource's field as encoded once. */
export function discoveryResponse(version: string, resources: readonly EncodedResource[], typeUrl: string, nonce: string): PendingResponse {
  const strings = [...field(DISCOVERY_RESPONSE.versionInfo, version), ...field(DISCOVERY_RESPONSE.typeUrl, typeUrl), ...field(DISCOVERY_RESPONSE.nonce, nonce)];
  return pending(strings, resources.map((r) => r.wire.sotw));
}

/** An envoy.service.discovery.v3.DeltaDiscoveryResponse. Removed names are repeated strings, written even when empty. */
export function deltaDiscoveryResponse(systemVersion: string, resources: readonly EncodedResource[], typeUrl: string, removed: readonly string[], nonce: string): PendingResponse {
  const strings: StringField[] = [...field(DELTA_RESPONSE.systemVersionInfo, systemVersion), ...field(DELTA_RESPONSE.typeUrl, typeUrl), ...field(DELTA_RESPONSE.nonce, nonce)];
  for (const name of removed) strings.push([DELTA_RESPONSE.removedResources, name, Buffer.byteLength(name, "utf8")]);
  return pending(strings, resources.map((r) => r.wire.delta));
}

/** A response's bytes in a buffer of their own (tests, and any caller that keeps them). */
export function responseBytes(r: PendingResponse): Buffer {
  const out = Buffer.allocUnsafe(r.size);
  r.write(out);
  return out;
}
