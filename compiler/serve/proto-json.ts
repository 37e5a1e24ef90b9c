// Envoy resources are built as proto3 JSON (what the files hold: "1.5s" durations, `@type` Anys, bare values
// for wrappers, Structs as objects); ADS sends them as protobuf. This turns the JSON into the object shape
// protobufjs encodes, walking the message types of Envoy's own protos (the validator's registry), so a
// resource on the wire is the document a file would hold. Unknown fields throw: the validator reports them
// first, with their path.
import * as protobuf from "protobufjs";
import { messageType } from "../validate/envoy/proto-registry";

const TYPE_URL_PREFIX = "type.googleapis.com/";
const WRAPPERS = new Set(["DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value", "UInt32Value", "BoolValue", "StringValue", "BytesValue"].map((n) => `.google.protobuf.${n}`));

// protobufjs computes a type's fullName on every read (walking its parents and joining the names); the
// walk below asks for it at every message value, so it is kept per type.
const fullNames = new WeakMap<protobuf.Type, string>();
function fullNameOf(type: protobuf.Type): string {
  let name = fullNames.get(type);
  if (name === undefined) fullNames.set(type, (name = type.fullName));
  return name;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function duration(text: string): { seconds: number; nanos: number } {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!m) throw new Error(`not a proto3 JSON duration: ${text}`);
  const sign = m[1] ? -1 : 1;
  return { seconds: sign * Number(m[2]), nanos: sign * Number((m[3] ?? "").padEnd(9, "0")) };
}

// protobufjs bundles struct.proto with camelCase field names, whatever keepCase says.
function structValue(v: Json): object {
  if (v === null) return { nullValue: 0 };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "number") return { numberValue: v };
  if (typeof v === "string") return { stringValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(structValue) } };
  return { structValue: struct(v) };
}

function struct(v: { [key: string]: Json }): object {
  return { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structValue(x)])) };
}

/** An Any as protobufjs encodes it: the type URL and the inner message's bytes. */
export function encodeAny(json: { [key: string]: Json }): { type_url: string; value: Uint8Array } {
  const url = json["@type"];
  if (typeof url !== "string" || !url.startsWith(TYPE_URL_PREFIX)) throw new Error(`an Any without a type.googleapis.com @type`);
  const type = messageType(url.slice(TYPE_URL_PREFIX.length));
  if (!type) throw new Error(`unknown @type ${url}`);
  const { "@type": _, ...fields } = json;
  // A well-known type inside an Any keeps its JSON form under "value".
  const inner = fullNameOf(type).startsWith(".google.protobuf.") && "value" in fields && Object.keys(fields).length === 1 ? fields.value! : fields;
  return { type_url: url, value: type.encode(messageValue(type, inner)).finish() };
}

function messageValue(type: protobuf.Type, v: Json): object {
  const name = fullNameOf(type);
  switch (name) {
    case ".google.protobuf.Any": return encodeAny(v as { [key: string]: Json });
    case ".google.protobuf.Duration": return duration(v as string);
    case ".google.protobuf.Struct": return struct(v as { [key: string]: Json });
    case ".google.protobuf.Value": return structValue(v);
    case ".google.protobuf.ListValue": return { values: (v as Json[]).map(structValue) };
    case ".google.protobuf.Empty": return {};
  }
  if (WRAPPERS.has(name)) return { value: v };
  return toProtoObject(type, v as { [key: string]: Json });
}

function fieldValue(field: protobuf.Field, v: Json): unknown {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof protobuf.Enum) return typeof v === "string" ? resolved.values[v] : v;
  if (resolved instanceof protobuf.Type) return messageValue(resolved, v);
  if (field.type === "bytes" && typeof v === "string") return Buffer.from(v, "base64");
  return v;
}

/** The protobufjs object of `type` for a proto3 JSON object (original field names, as Envoy writes them). */
export function toProtoObject(type: protobuf.Type, json: { [key: string]: Json }): object {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(json)) {
    const field = type.fields[key];
    if (!field) throw new Error(`${type.fullName} has no field ${key}`);
    if (field.map) out[key] = Object.fromEntries(Object.entries(v as { [key: string]: Json }).map(([k, x]) => [k, fieldValue(field, x)]));
    else if (field.repeated) out[key] = (v as Json[]).map((x) => fieldValue(field, x));
    else out[key] = fieldValue(field, v);
  }
  return out;
}

/** A protobuf Struct as decoded by protobufjs, back to plain JSON (node metadata). */
export function structToJson(s: { fields?: Record<string, unknown> } | null | undefined): Record<string, Json> {
  // Decoded messages carry defaults on their prototype: only own properties were on the wire.
  const own = (x: object, k: string) => Object.prototype.hasOwnProperty.call(x, k);
  const value = (x: any): Json => {
    if (!x) return null;
    if (own(x, "stringValue")) return x.stringValue;
    if (own(x, "numberValue")) return x.numberValue;
    if (own(x, "boolValue")) return x.boolValue;
    if (own(x, "structValue")) return structToJson(x.structValue);
    if (own(x, "listValue")) return (x.listValue?.values ?? []).map(value);
    return null;
  };
  return Object.fromEntries(Object.entries(s?.fields ?? {}).map(([k, x]) => [k, value(x)]));
}
