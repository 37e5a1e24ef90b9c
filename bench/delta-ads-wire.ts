// The benchmark's lightweight delta-ADS clients (bench/serve-xds.ts), on Node's own HTTP/2: gRPC is HTTP/2
// POSTs whose bodies are length-prefixed messages (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md),
// so a stream per sidecar is a request on a shared session, its requests are written as protobuf by hand
// (the few fields a sidecar sends), and each response is read only as far as a sidecar of the benchmark needs
// it: type, nonce, and each resource's name (and its Any's bytes). The server sees what any gRPC client
// sends. Before, the clients ran on grpc-js with the server's protobufjs codec: in one process, 6 000 of them
// spent about as much CPU as the three servers together, on the same two cores.
import * as http2 from "node:http2";

const PATH = "/envoy.service.discovery.v3.AggregatedDiscoveryService/DeltaAggregatedResources";
const LENGTH_DELIMITED = 2;

/** Field numbers of envoy/service/discovery/v3/discovery.proto. */
const REQUEST = { node: 1, typeUrl: 2, subscribe: 3, responseNonce: 6 } as const;
const RESPONSE = { resources: 2, typeUrl: 4, nonce: 5, removed: 6 } as const;
const RESOURCE = { resource: 2, name: 3 } as const;
const ANY = { value: 2 } as const;

export interface DeltaResponse {
  readonly typeUrl: string;
  readonly nonce: string;
  readonly resources: readonly { readonly name: string; readonly value: Uint8Array }[];
  readonly removed: readonly string[];
}

/** Protobuf's base-128 varint at `at`: [value, next offset]. */
function varint(b: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= b.length) throw new Error("truncated varint");
    const byte = b[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/** Calls `field` for each field of the message in b[start, end): its number, wire type and, for a length-delimited one, its bounds. */
function fields(b: Uint8Array, start: number, end: number, field: (n: number, from: number, to: number) => void): void {
  let at = start;
  while (at < end) {
    const [tag, next] = varint(b, at);
    at = next;
    const wire = tag & 7;
    if (wire === LENGTH_DELIMITED) {
      const [length, body] = varint(b, at);
      if (body + length > end) throw new Error("truncated field");
      field(tag >>> 3, body, body + length);
      at = body + length;
    } else if (wire === 0) at = varint(b, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`wire type ${wire}`);
  }
}

const text = (b: Uint8Array, from: number, to: number) => Buffer.from(b.buffer, b.byteOffset + from, to - from).toString("utf8");

export function readDeltaResponse(b: Uint8Array): DeltaResponse {
  let typeUrl = "";
  let nonce = "";
  const resources: { name: string; value: Uint8Array }[] = [];
  const removed: string[] = [];
  fields(b, 0, b.length, (n, from, to) => {
    if (n === RESPONSE.typeUrl) typeUrl = text(b, from, to);
    else if (n === RESPONSE.nonce) nonce = text(b, from, to);
    else if (n === RESPONSE.removed) removed.push(text(b, from, to));
    else if (n === RESPONSE.resources) {
      let name = "";
      let value: Uint8Array = new Uint8Array(0);
      fields(b, from, to, (m, f, t) => {
        if (m === RESOURCE.name) name = text(b, f, t);
        else if (m === RESOURCE.resource) fields(b, f, t, (k, vf, vt) => void (k === ANY.value && (value = b.subarray(vf, vt))));
      });
      resources.push({ name, value });
    }
  });
  return { typeUrl, nonce, resources, removed };
}

/** A length-delimited field: tag, length, bytes. */
function delimited(field: number, bytes: Uint8Array): Buffer[] {
  const head: number[] = [(field << 3) | LENGTH_DELIMITED];
  for (let n = bytes.length; ; n >>>= 7) {
    if (n < 0x80) {
      head.push(n);
      break;
    }
    head.push((n & 0x7f) | 0x80);
  }
  return [Buffer.from(head), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)];
}

export interface DeltaRequest {
  /** The node, encoded once (envoy.config.core.v3.Node). */
  readonly node?: Uint8Array;
  readonly typeUrl: string;
  readonly subscribe?: readonly string[];
  readonly responseNonce?: string;
}

/** An envoy.service.discovery.v3.DeltaDiscoveryRequest, framed as one gRPC message (uncompressed). */
export function deltaRequestFrame(r: DeltaRequest): Buffer {
  const parts: Buffer[] = [];
  if (r.node) parts.push(...delimited(REQUEST.node, r.node));
  parts.push(...delimited(REQUEST.typeUrl, Buffer.from(r.typeUrl)));
  for (const name of r.subscribe ?? []) parts.push(...delimited(REQUEST.subscribe, Buffer.from(name)));
  if (r.responseNonce) parts.push(...delimited(REQUEST.responseNonce, Buffer.from(r.responseNonce)));
  const length = parts.reduce((n, p) => n + p.length, 0);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(length, 1);
  return Buffer.concat([prefix, ...parts], 5 + length);
}

export interface DeltaStream {
  send(request: DeltaRequest): void;
}

/** One HTTP/2 connection to an ADS server, carrying many sidecars' streams. */
export function adsSession(port: number): { open(onResponse: (r: DeltaResponse) => void): DeltaStream; close(): void } {
  const session = http2.connect(`http://[::1]:${port}`);
  session.on("error", () => {});
  return {
    open(onResponse) {
      const stream = session.request({ ":method": "POST", ":path": PATH, "content-type": "application/grpc", te: "trailers" });
      stream.on("error", () => {});
      // Messages may span DATA frames and a frame may hold several: buffered until each is whole.
      let pending: Buffer = Buffer.alloc(0);
      stream.on("data", (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        while (pending.length >= 5) {
          const length = pending.readUInt32BE(1);
          if (pending.length < 5 + length) break;
          if (pending[0] !== 0) throw new Error("a compressed message: the benchmark asked for none");
          const message = pending.subarray(5, 5 + length);
          pending = pending.subarray(5 + length);
          onResponse(readDeltaResponse(message));
        }
      });
      return { send: (request) => void stream.write(deltaRequestFrame(request)) };
    },
    close: () => session.destroy(),
  };
}

/** Field numbers of envoy.config.core.v3.Node, Locality, and google.protobuf.Struct / Value. */
const NODE = { id: 1, metadata: 3, locality: 4, userAgentName: 6 } as const;
const LOCALITY = { zone: 2 } as const;
const STRUCT = { fields: 1 } as const;
const ENTRY = { key: 1, value: 2 } as const;
const VALUE = { stringValue: 3 } as const;

const joined = (parts: Buffer[]) => Buffer.concat(parts);
const str = (field: number, value: string) => delimited(field, Buffer.from(value));

/** A sidecar's node as its first request carries it: id, zone, user agent, and string metadata (node-identity.ts reads it). */
export function encodeNode(node: { id: string; zone: string; userAgentName: string; metadata: Readonly<Record<string, string>> }): Uint8Array {
  const entries = Object.entries(node.metadata).flatMap(([k, v]) => delimited(STRUCT.fields, joined([...str(ENTRY.key, k), ...delimited(ENTRY.value, joined(str(VALUE.stringValue, v)))])));
  return joined([...str(NODE.id, node.id), ...delimited(NODE.metadata, joined(entries)), ...delimited(NODE.locality, joined(str(LOCALITY.zone, node.zone))), ...str(NODE.userAgentName, node.userAgentName)]);
}
