// kube-openapi's validation errors (k8s.io/kube-openapi/pkg/validation/errors) and how the API server turns each
// into a field.Error (k8s.io/apiextensions-apiserver/pkg/apiserver/validation, ValidateCustomResource): required →
// "Required value", enum → "Unsupported value", invalid type → "Invalid value" (a type error, which stops CEL),
// maxLength → "Too long", maxItems/maxProperties → "Too many", anything else → "Invalid value" with the message.
// Composite errors (oneOf/anyOf/allOf/not) carry no field, so the API server prints them at `<nil>`.
import type { Segment } from "./field-path";
import { type ErrorType, type Finding, finding } from "./finding";
import { goQuote } from "./go-format";

export type OpenapiCode = "type" | "required" | "enum" | "tooLong" | "maxItems" | "maxProperties" | "other" | "composite";

export interface OpenapiError {
  readonly code: OpenapiCode;
  /** kube-openapi's name for the value (`spec.ports[0]`, `spec.portLevelMtls.80`). */
  readonly name: string;
  readonly segments: readonly Segment[];
  readonly value: unknown;
  readonly message: string;
  /** Enum values, or the limit of tooLong/maxItems/maxProperties. */
  readonly valid?: readonly unknown[] | number;
}

const IN = "body";

export const messages = {
  type: (name: string, typeName: string, actual: string) => `${name} in ${IN} must be of type ${typeName}: ${goQuote(actual)}`,
  required: (name: string) => `${name} in ${IN} is required`,
  tooLong: (name: string, n: number) => `${name} in ${IN} should be at most ${n} chars long`,
  tooShort: (name: string, n: number) => `${name} in ${IN} should be at least ${n} chars long`,
  pattern: (name: string, p: string) => `${name} in ${IN} should match '${p}'`,
  multipleOf: (name: string, m: string) => `${name} in ${IN} should be a multiple of ${m}`,
  max: (name: string, m: string, exclusive: boolean) => `${name} in ${IN} should be less than ${exclusive ? "" : "or equal to "}${m}`,
  min: (name: string, m: string, exclusive: boolean) => `${name} in ${IN} should be greater than ${exclusive ? "" : "or equal to "}${m}`,
  unique: (name: string) => `${name} in ${IN} shouldn't contain duplicates`,
  maxItems: (name: string, n: number) => `${name} in ${IN} should have at most ${n} items`,
  minItems: (name: string, n: number) => `${name} in ${IN} should have at least ${n} items`,
  minProperties: (name: string, n: number) => `${name} in ${IN} should have at least ${n} properties`,
  maxProperties: (name: string, n: number) => `${name} in ${IN} should have at most ${n} properties`,
  notAllowed: (name: string, key: string) => `${name}.${key} in ${IN} is a forbidden property`,
  oneOf: (name: string, extra: string) => `${goQuote(name)} must validate one and only one schema (oneOf). ${extra}`,
  anyOf: (name: string) => `${goQuote(name)} must validate at least one schema (anyOf)`,
  allOf: (name: string, extra: string) => `${goQuote(name)} must validate all the schemas (allOf)${extra}`,
  not: (name: string) => `${goQuote(name)} must not validate the schema (not)`,
};

function plural(n: number): string {
  return n === 1 ? "item" : "items";
}

/** The field.Error the API server makes of one kube-openapi error. */
export function toFinding(e: OpenapiError): Finding {
  const field = e.code === "composite" || e.name === "" || e.name === "." ? "<nil>" : e.name.replace(/^\./, "");
  const make = (type: ErrorType, value: unknown, detail: string) => finding("MESH852", e.segments, field, type, value, detail);
  switch (e.code) {
    case "required":
      return make("Required value", undefined, "");
    case "enum":
      return make("Unsupported value", e.value, `supported values: ${(e.valid as readonly unknown[]).map((v) => goQuote(typeof v === "string" ? v : JSON.stringify(v))).join(", ")}`);
    case "tooLong":
      return make("Too long", e.value, `may not be longer than ${e.valid as number}`);
    case "maxItems":
    case "maxProperties":
      return make("Too many", e.value, `must have at most ${e.valid as number} ${plural(e.valid as number)}`);
    case "composite":
      return make("Invalid value", "", e.message);
    default:
      return make("Invalid value", e.value ?? "", e.message);
  }
}
