// The proto3 JSON mapping of scalar fields (https://protobuf.dev/programming-guides/json/), as Envoy's parser
// applies it: integers as JSON numbers or decimal strings, in range for their type; 64-bit values exactly;
// floats as numbers or "NaN"/"Infinity"/"-Infinity"; bools only as true/false; strings only as strings
// (a YAML `8080` is a number, so a string field given one is an error, as it is in Envoy); bytes as base64;
// enums by value name or number.
import type * as protobuf from "protobufjs";
import type { Decoded } from "./decoded-value";
import type { JsonNode } from "./json-tree";

export type ScalarResult = { readonly ok: true; readonly value: Decoded } | { readonly ok: false; readonly code: "MESH802" | "MESH803"; readonly reason: string };

const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};
const FLOAT_MAX = 3.4028234663852886e38;
const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function isScalarType(type: string): boolean {
  return type in INT_RANGES || type === "double" || type === "float" || type === "bool" || type === "string" || type === "bytes";
}

function describe(node: JsonNode): string {
  switch (node.kind) {
    case "object": return "an object";
    case "array": return "a list";
    case "string": return `the string ${JSON.stringify(node.value)}`;
    case "integer": return `the number ${node.value}`;
    case "number": return `the number ${node.value}`;
    case "bool": return `the boolean ${node.value}`;
    case "null": return "null";
  }
}

export { describe as describeJson };

function integer(type: string, node: JsonNode): ScalarResult {
  let value: bigint | undefined;
  if (node.kind === "integer") value = node.value;
  else if (node.kind === "number" && Number.isInteger(node.value)) value = BigInt(node.value);
  else if (node.kind === "string" && DECIMAL_INTEGER.test(node.value)) value = BigInt(node.value);
  if (value === undefined) return { ok: false, code: "MESH802", reason: `expected an integer (${type}), got ${describe(node)}` };
  const [min, max] = INT_RANGES[type]!;
  if (value < min || value > max) return { ok: false, code: "MESH802", reason: `${value} is out of range for ${type} (${min}..${max})` };
  return { ok: true, value: { t: "int", v: value } };
}

function floating(type: string, node: JsonNode): ScalarResult {
  let value: number | undefined;
  if (node.kind === "integer") value = Number(node.value);
  else if (node.kind === "number") value = node.value;
  else if (node.kind === "string") {
    if (node.value === "NaN") value = Number.NaN;
    else if (node.value === "Infinity") value = Number.POSITIVE_INFINITY;
    else if (node.value === "-Infinity") value = Number.NEGATIVE_INFINITY;
    else if (DECIMAL_NUMBER.test(node.value)) value = Number(node.value);
  }
  if (value === undefined) return { ok: false, code: "MESH802", reason: `expected a number (${type}), got ${describe(node)}` };
  if (type === "float" && Number.isFinite(value) && Math.abs(value) > FLOAT_MAX) return { ok: false, code: "MESH802", reason: `${value} is out of range for float` };
  return { ok: true, value: { t: "float", v: value } };
}

/** Decodes a JSON value for a scalar field of the given proto type. */
export function decodeScalar(type: string, node: JsonNode): ScalarResult {
  if (type in INT_RANGES) return integer(type, node);
  if (type === "double" || type === "float") return floating(type, node);
  if (type === "bool") {
    return node.kind === "bool" ? { ok: true, value: { t: "bool", v: node.value } } : { ok: false, code: "MESH802", reason: `expected true or false, got ${describe(node)}` };
  }
  if (type === "string") {
    return node.kind === "string" ? { ok: true, value: { t: "string", v: node.value } } : { ok: false, code: "MESH802", reason: `expected a string, got ${describe(node)} (quote it)` };
  }
  // bytes
  if (node.kind === "string" && BASE64.test(node.value)) return { ok: true, value: { t: "bytes", v: Buffer.from(node.value, "base64") } };
  return { ok: false, code: "MESH802", reason: `expected base64 bytes, got ${describe(node)}` };
}

/** Decodes an enum value given by name or number. Unknown names are errors; numbers are accepted (open enums). */
export function decodeEnum(en: protobuf.Enum, node: JsonNode): ScalarResult {
  if (node.kind === "string") {
    const v = en.values[node.value];
    if (v === undefined) return { ok: false, code: "MESH803", reason: `${JSON.stringify(node.value)} is not a value of ${en.fullName.slice(1)} (one of ${Object.keys(en.values).join(", ")})` };
    return { ok: true, value: { t: "enum", v } };
  }
  if (node.kind === "integer" && node.value >= INT_RANGES.int32![0] && node.value <= INT_RANGES.int32![1]) return { ok: true, value: { t: "enum", v: Number(node.value) } };
  return { ok: false, code: "MESH803", reason: `expected a value name of ${en.fullName.slice(1)}, got ${describe(node)}` };
}

/** The proto3 default of a scalar or enum field, which protoc-gen-validate checks when the field is absent. */
export function defaultScalar(type: string, isEnum: boolean): Decoded {
  if (isEnum) return { t: "enum", v: 0 };
  if (type in INT_RANGES) return { t: "int", v: 0n };
  if (type === "double" || type === "float") return { t: "float", v: 0 };
  if (type === "bool") return { t: "bool", v: false };
  if (type === "string") return { t: "string", v: "" };
  return { t: "bytes", v: new Uint8Array() };
}
