// Well-known types with their own JSON forms (https://protobuf.dev/programming-guides/json/): a Duration is
// "1.5s", a Timestamp RFC 3339, a FieldMask "a.b,c", a wrapper its bare value, a Struct any JSON object, a
// Value any JSON value, a ListValue any JSON list. Any is handled by the message walker (it recurses).
import type { Decoded } from "./decoded-value";
import type { JsonNode } from "./json-tree";
import { decodeScalar, describeJson, type ScalarResult } from "./json-scalars";

const WRAPPERS: Readonly<Record<string, string>> = {
  "google.protobuf.DoubleValue": "double",
  "google.protobuf.FloatValue": "float",
  "google.protobuf.Int64Value": "int64",
  "google.protobuf.UInt64Value": "uint64",
  "google.protobuf.Int32Value": "int32",
  "google.protobuf.UInt32Value": "uint32",
  "google.protobuf.BoolValue": "bool",
  "google.protobuf.StringValue": "string",
  "google.protobuf.BytesValue": "bytes",
};

/** ±10 000 years, the range protobuf allows for a Duration. */
const MAX_DURATION_SECONDS = 315_576_000_000n;
const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const FIELD_MASK = /^([a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*)?(,[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*)*$/;

const MESSAGE: ScalarResult = { ok: true, value: { t: "message" } };

function fail(reason: string): ScalarResult {
  return { ok: false, code: "MESH802", reason };
}

function duration(node: JsonNode): ScalarResult {
  const m = node.kind === "string" ? DURATION.exec(node.value) : null;
  if (!m) return fail(`expected a duration such as "1s" or "0.25s", got ${describeJson(node)}`);
  const seconds = BigInt(m[2]!);
  if (seconds > MAX_DURATION_SECONDS) return fail(`${node.kind === "string" ? node.value : ""} is longer than a Duration can hold`);
  const nanos = seconds * 1_000_000_000n + BigInt((m[3] ?? "").padEnd(9, "0"));
  return { ok: true, value: { t: "time", nanos: m[1] ? -nanos : nanos } };
}

function timestamp(node: JsonNode): ScalarResult {
  if (node.kind !== "string" || !TIMESTAMP.test(node.value) || Number.isNaN(Date.parse(node.value))) return fail(`expected an RFC 3339 timestamp, got ${describeJson(node)}`);
  return { ok: true, value: { t: "time", nanos: BigInt(Date.parse(node.value)) * 1_000_000n } };
}

/** True for the well-known types whose JSON form is not an object of their fields. */
const SPECIAL_JSON = new Set(["google.protobuf.Duration", "google.protobuf.Timestamp", "google.protobuf.FieldMask", "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"]);

export function hasSpecialJson(typeName: string): boolean {
  return typeName in WRAPPERS || SPECIAL_JSON.has(typeName);
}

/** Decodes a well-known type with a special JSON form; wrappers decode to their inner scalar. */
export function decodeWellKnown(typeName: string, node: JsonNode): ScalarResult {
  const wrapped = WRAPPERS[typeName];
  if (wrapped) return decodeScalar(wrapped, node);
  switch (typeName) {
    case "google.protobuf.Duration": return duration(node);
    case "google.protobuf.Timestamp": return timestamp(node);
    case "google.protobuf.FieldMask":
      return node.kind === "string" && FIELD_MASK.test(node.value) ? MESSAGE : fail(`expected a field mask such as "a.b,c", got ${describeJson(node)}`);
    case "google.protobuf.Struct": return node.kind === "object" ? MESSAGE : fail(`expected an object (Struct), got ${describeJson(node)}`);
    case "google.protobuf.ListValue": return node.kind === "array" ? MESSAGE : fail(`expected a list (ListValue), got ${describeJson(node)}`);
    default: return MESSAGE; // google.protobuf.Value: any JSON value
  }
}

/** True when the decoded value of a wrapper field should be checked with its scalar rules. */
export function isWrapper(typeName: string): boolean {
  return typeName in WRAPPERS;
}

export type { Decoded };
