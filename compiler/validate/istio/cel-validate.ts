// Runs every x-kubernetes-validations rule that applies to an object, node by node, the way the API server's CEL
// validator walks it: rules of a node see that node's value as `self`; a null value runs no rules; properties are
// entered as `.name`, map entries as `[key]`, list items as `[i]` (apiserver/schema/cel/validation.go).
import { evaluationErrorMessage, failureMessage } from "./cel-rules";
import { celValue } from "./cel-value";
import type { IstioApi } from "./crd-registry";
import { child, type FieldPath, index, key, ROOT } from "./field-path";
import { type Finding, finding } from "./finding";
import { structuralType, type StructuralSchema } from "./structural-schema";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** At the root, `self` also has apiVersion, kind and metadata.name/generateName (model.WithTypeAndObjectMeta). */
function rootSelf(s: StructuralSchema, obj: Record<string, unknown>): unknown {
  const self = celValue(obj, s) as Map<string, unknown>;
  for (const k of ["apiVersion", "kind"]) if (typeof obj[k] === "string") self.set(k, obj[k]);
  if (isObject(obj.metadata)) {
    const meta = new Map<string, unknown>();
    for (const k of ["name", "generateName"]) if (typeof obj.metadata[k] === "string") meta.set(k, obj.metadata[k]);
    self.set("metadata", meta);
  }
  return self;
}

function walk(api: IstioApi, s: StructuralSchema | undefined, v: unknown, path: FieldPath, out: Finding[], self?: unknown): void {
  if (!s || v === null || v === undefined) return;
  const rules = api.rulesOf(s);
  if (rules.length) {
    const value = self ?? celValue(v, s);
    for (const compiled of rules) {
      if (compiled.usesOldSelf) continue;
      const result = compiled.evaluate(value);
      const field = path.text || "<nil>";
      if (result === true) continue;
      if (result === false) out.push(finding("MESH855", path.segments, field, "Invalid value", structuralType(s), failureMessage(compiled, value), compiled.rule.rule));
      else out.push(finding("MESH856", path.segments, field, "Invalid value", structuralType(s), evaluationErrorMessage(compiled, result.error), compiled.rule.rule));
    }
  }
  if (Array.isArray(v)) v.forEach((item, i) => walk(api, s.items, item, index(path, i), out));
  else if (isObject(v)) {
    const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    for (const [k, x] of Object.entries(v)) {
      const sub = s.properties?.[k];
      if (sub) walk(api, sub, x, child(path, k), out);
      else if (extra) walk(api, extra, x, key(path, k), out);
    }
  }
}

export function checkRules(api: IstioApi, root: StructuralSchema, obj: Record<string, unknown>, out: Finding[]): void {
  walk(api, root, obj, ROOT, out, api.rulesOf(root).length ? rootSelf(root, obj) : undefined);
}
