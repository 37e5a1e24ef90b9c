// The OpenAPI v3 half of what the API server checks (kube-openapi's SchemaValidator, in its order: type,
// oneOf/anyOf/allOf/not, string, format, number, array, enum, object). Values are unstructured JSON as
// Kubernetes decodes it: integers are bigint (int64), other numbers are number (float64).
//
// As Kubernetes does it, and not as a JSON-Schema reader might guess: an integer-valued float passes `integer`;
// `format: int32`/`double` on a number is not range-checked (the schema number validator gets no type or format);
// a string's length is counted in code points; `pattern` is RE2, unanchored; `null` fails every non-nullable type.
import { RE2JS } from "@bufbuild/re2";
import { openapiChild, type Segment } from "./field-path";
import { checkFormat } from "./formats";
import { goFloat } from "./go-format";
import { messages, type OpenapiError } from "./openapi-errors";
import type { StructuralSchema } from "./structural-schema";

export interface OpenapiResult {
  readonly errors: OpenapiError[];
  matches: number;
}

export function jsonType(v: unknown): "null" | "string" | "integer" | "number" | "boolean" | "array" | "object" {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "bigint") return "integer";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "boolean";
  return Array.isArray(v) ? "array" : "object";
}

const patterns = new Map<string, { test(s: string): boolean }>();
function pattern(p: string): { test(s: string): boolean } {
  let re = patterns.get(p);
  if (!re) {
    re = RE2JS.compile(p);
    patterns.set(p, re);
  }
  return re;
}

function types(s: StructuralSchema): readonly string[] {
  if (s["x-kubernetes-int-or-string"]) return ["integer", "string"];
  return s.type ? [s.type] : [];
}

/** typeValidator.Validate */
function checkType(s: StructuralSchema, v: unknown, name: string, segs: readonly Segment[], out: OpenapiError[]): void {
  const allowed = types(s);
  const actual = jsonType(v);
  if (actual === "null") {
    if (allowed.length && !s.nullable) out.push({ code: "type", name, segments: segs, value: "null", message: messages.type(name, allowed.join(","), "null") });
    return;
  }
  const floatInt = actual === "number" && Number.isInteger(v) && allowed.includes("integer");
  const intFloat = actual === "integer" && allowed.includes("number");
  if (!allowed.length) return;
  if (!(allowed.includes("number") || allowed.includes("integer")) && s.format && actual === "string") return;
  if (!(allowed.includes(actual) || floatInt || intFloat)) out.push({ code: "type", name, segments: segs, value: actual, message: messages.type(name, allowed.join(","), actual) });
}

function asNumber(v: unknown): number {
  return typeof v === "bigint" ? Number(v) : (v as number);
}

function checkNumber(s: StructuralSchema, v: unknown, name: string, segs: readonly Segment[], out: OpenapiError[]): void {
  const n = asNumber(v);
  if (s.multipleOf !== undefined && !Number.isInteger(n / s.multipleOf)) out.push({ code: "other", name, segments: segs, value: v, message: messages.multipleOf(name, goFloat(s.multipleOf)) });
  if (s.maximum !== undefined && (s.exclusiveMaximum ? n >= s.maximum : n > s.maximum)) out.push({ code: "other", name, segments: segs, value: v, message: messages.max(name, goFloat(s.maximum), !!s.exclusiveMaximum) });
  if (s.minimum !== undefined && (s.exclusiveMinimum ? n <= s.minimum : n < s.minimum)) out.push({ code: "other", name, segments: segs, value: v, message: messages.min(name, goFloat(s.minimum), !!s.exclusiveMinimum) });
}

/** stringValidator: the first failure only (maxLength, then minLength, then pattern). */
function checkString(s: StructuralSchema, v: string, name: string, segs: readonly Segment[], out: OpenapiError[]): void {
  const length = [...v].length;
  if (s.maxLength !== undefined && length > s.maxLength) out.push({ code: "tooLong", name, segments: segs, value: v, valid: s.maxLength, message: messages.tooLong(name, s.maxLength) });
  else if (s.minLength !== undefined && length < s.minLength) out.push({ code: "other", name, segments: segs, value: v, message: messages.tooShort(name, s.minLength) });
  else if (s.pattern !== undefined && !pattern(s.pattern).test(v)) out.push({ code: "other", name, segments: segs, value: v, message: messages.pattern(name, s.pattern) });
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "bigint" || typeof b === "bigint") return (typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number") && asNumber(a) === asNumber(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function checkEnum(s: StructuralSchema, v: unknown, name: string, segs: readonly Segment[], out: OpenapiError[]): void {
  if (!s.enum?.length) return;
  if (v !== null && s.enum.some((e) => deepEqual(v, e))) return;
  out.push({ code: "enum", name, segments: segs, value: v, valid: s.enum, message: "" });
}

function checkArray(s: StructuralSchema, v: readonly unknown[], name: string, segs: readonly Segment[], result: OpenapiResult): void {
  if (s.items) v.forEach((item, i) => merge(result, validateSchema(s.items!, item, openapiChild(name, i), [...segs, i])));
  const out = result.errors;
  if (s.minItems !== undefined && v.length < s.minItems) out.push({ code: "other", name, segments: segs, value: BigInt(v.length), message: messages.minItems(name, s.minItems) });
  if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ code: "maxItems", name, segments: segs, value: BigInt(v.length), valid: s.maxItems, message: messages.maxItems(name, s.maxItems) });
  if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x, (_k, y) => (typeof y === "bigint" ? Number(y) : y)))).size !== v.length) out.push({ code: "other", name, segments: segs, value: v, message: messages.unique(name) });
}

function checkObject(s: StructuralSchema, v: Record<string, unknown>, name: string, segs: readonly Segment[], result: OpenapiResult): void {
  const keys = Object.keys(v);
  const out = result.errors;
  if (s.minProperties !== undefined && keys.length < s.minProperties) {
    out.push({ code: "other", name, segments: segs, value: BigInt(keys.length), message: messages.minProperties(name, s.minProperties) });
    return;
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    out.push({ code: "maxProperties", name, segments: segs, value: BigInt(keys.length), valid: s.maxProperties, message: messages.maxProperties(name, s.maxProperties) });
    return;
  }
  const props = s.properties ?? {};
  for (const k of keys) {
    if (Object.prototype.hasOwnProperty.call(props, k)) continue;
    if (s.additionalProperties === false) out.push({ code: "other", name, segments: segs, value: k, message: messages.notAllowed(name, k) });
    else if (typeof s.additionalProperties === "object") merge(result, validateSchema(s.additionalProperties, v[k], name + "." + k, [...segs, k]));
  }
  for (const [k, sub] of Object.entries(props)) {
    if (Object.prototype.hasOwnProperty.call(v, k)) merge(result, validateSchema(sub, v[k], openapiChild(name, k), [...segs, k]));
  }
  for (const k of s.required ?? []) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) out.push({ code: "required", name: name + "." + k, segments: [...segs, k], value: undefined, message: messages.required(name + "." + k) });
  }
}

function merge(into: OpenapiResult, from: OpenapiResult): void {
  for (const e of from.errors) into.errors.push(e);
  into.matches += from.matches;
}

/** schemaPropsValidator: anyOf keeps the best failure, oneOf counts successes, allOf merges, not inverts. */
function checkComposition(s: StructuralSchema, v: unknown, name: string, segs: readonly Segment[], result: OpenapiResult): void {
  const composite = (message: string) => result.errors.push({ code: "composite", name, segments: segs, value: "", message });
  if (s.anyOf?.length) {
    let best: OpenapiResult | null = null;
    let ok = false;
    for (const sub of s.anyOf) {
      const r = validateSchema(sub, v, name, segs);
      if (!r.errors.length) {
        ok = true;
        best = null;
        merge(result, r);
        break;
      }
      if (!best || r.matches > best.matches) best = r;
    }
    if (!ok) composite(messages.anyOf(name));
    if (best) merge(result, best);
  }
  if (s.oneOf?.length) {
    let best: OpenapiResult | null = null;
    let first: OpenapiResult | null = null;
    let valid = 0;
    for (const sub of s.oneOf) {
      const r = validateSchema(sub, v, name, segs);
      if (!r.errors.length) {
        valid++;
        best = null;
        first ??= r;
        continue;
      }
      if (valid === 0 && (!best || r.matches > best.matches)) best = r;
    }
    if (valid !== 1) {
      composite(messages.oneOf(name, valid === 0 ? "Found none valid" : `Found ${valid} valid alternatives`));
      if (best) merge(result, best);
    } else if (first) merge(result, first);
  }
  if (s.allOf?.length) {
    let valid = 0;
    for (const sub of s.allOf) {
      const r = validateSchema(sub, v, name, segs);
      if (!r.errors.length) valid++;
      merge(result, r);
    }
    if (valid !== s.allOf.length) composite(messages.allOf(name, valid === 0 ? ". None validated" : ""));
  }
  if (s.not && !validateSchema(s.not, v, name, segs).errors.length) composite(messages.not(name));
}

export function validateSchema(s: StructuralSchema, v: unknown, name: string, segs: readonly Segment[]): OpenapiResult {
  const result: OpenapiResult = { errors: [], matches: 0 };
  const errors = result.errors;
  // `matches` counts the checks that passed: anyOf/oneOf report the failures of the alternative that came closest.
  let n = errors.length;
  checkType(s, v, name, segs, errors);
  if (errors.length === n) result.matches++;
  if (v === null || v === undefined) {
    checkEnum(s, v, name, segs, errors);
    return result;
  }
  if (s.anyOf || s.oneOf || s.allOf || s.not) {
    n = errors.length;
    checkComposition(s, v, name, segs, result);
    if (errors.length === n) result.matches++;
  }
  const t = jsonType(v);
  if (t === "string") {
    n = errors.length;
    checkString(s, v as string, name, segs, errors);
    if (s.format) checkFormat(s.format, v as string, name, segs, errors);
    if (errors.length === n) result.matches++;
  } else if (t === "integer" || t === "number") {
    n = errors.length;
    checkNumber(s, v, name, segs, errors);
    if (errors.length === n) result.matches++;
  } else if (t === "array") checkArray(s, v as unknown[], name, segs, result);
  if (s.enum) {
    n = errors.length;
    checkEnum(s, v, name, segs, errors);
    if (errors.length === n) result.matches++;
  }
  if (t === "object") checkObject(s, v as Record<string, unknown>, name, segs, result);
  return result;
}
