// Istio's published CRDs (../shared/anchors/istio-crds/crd-all.gen.yaml) as a check of generated objects,
// until the full validator (OpenAPI v3 + the CEL rules, compiler/validate/istio) lands: that the kind is served
// in the object's apiVersion, and that the spec fits the version's structural schema — no unknown field, the
// right JSON types, enum values, required fields. CEL rules (x-kubernetes-validations) are not evaluated here.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import type { Obj } from "./istio-route-evaluator";

export const CRD_FILE = "/work/shared/anchors/istio-crds/crd-all.gen.yaml";

let served: Map<string, Obj> | undefined;

/** `group/version kind` → the version's openAPIV3Schema, for every served version. */
export function servedSchemas(): Map<string, Obj> {
  if (served) return served;
  served = new Map();
  for (const doc of parseAllDocuments(readFileSync(CRD_FILE, "utf8"))) {
    const crd = doc.toJS() as Obj | null;
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const v of crd.spec.versions as Obj[]) if (v.served) served.set(`${crd.spec.group}/${v.name} ${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
  }
  return served;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function fits(schema: Obj, value: unknown, path: string, out: string[]): void {
  if (schema["x-kubernetes-preserve-unknown-fields"] && !schema.properties) return;
  if (schema["x-kubernetes-int-or-string"]) {
    if (!["integer", "string"].includes(typeOf(value))) out.push(`${path}: expected an integer or a string`);
    return;
  }
  const type = typeOf(value);
  if (schema.type && !(schema.type === type || (schema.type === "number" && type === "integer"))) {
    out.push(`${path}: expected ${schema.type}, got ${type}`);
    return;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${(schema.enum as unknown[]).join(", ")}`);
  if (type === "array" && schema.items) (value as unknown[]).forEach((item, i) => fits(schema.items, item, `${path}[${i}]`, out));
  if (type !== "object") return;
  const object = value as Obj;
  for (const required of (schema.required ?? []) as string[]) if (!(required in object)) out.push(`${path}: missing required '${required}'`);
  for (const [key, child] of Object.entries(object)) {
    const property = schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
    if (property) fits(property, child, `${path}.${key}`, out);
    else if (!schema["x-kubernetes-preserve-unknown-fields"]) out.push(`${path}: unknown field '${key}'`);
  }
}

/** What is wrong with one object by the CRD of its apiVersion; empty when it fits. */
export function crdProblems(object: Obj): string[] {
  const schema = servedSchemas().get(`${object.apiVersion} ${object.kind}`);
  if (!schema) return [`${object.kind} is not served as ${object.apiVersion}`];
  const out: string[] = [];
  fits(schema.properties.spec, object.spec, `${object.kind} ${object.metadata?.name}: spec`, out);
  return out;
}
