// Fields the schema does not declare. The API server prunes them silently by default; `kubectl apply
// --validate=strict` (server-side field validation Strict) rejects the object with `unknown field "spec.foo"`.
// A generator that writes a field Istio ignores has a bug either way, so each one is a finding. apiVersion, kind and metadata at the root are the API server's own; metadata holds only ObjectMeta's fields.
import { child, type FieldPath, index, key, ROOT } from "./field-path";
import { type Finding, finding } from "./finding";
import type { StructuralSchema } from "./structural-schema";

const OBJECT_META = new Set([
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function unknown(path: FieldPath, out: Finding[]): void {
  out.push({ code: "MESH853", severity: "error", path: path.segments, field: path.text, type: "Invalid value", message: `unknown field ${JSON.stringify(path.text)}` });
}

function walk(s: StructuralSchema | undefined, v: unknown, path: FieldPath, out: Finding[]): void {
  if (!s || s["x-kubernetes-int-or-string"]) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(s.items, item, index(path, i), out));
    return;
  }
  if (!isObject(v)) return;
  const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true || s.additionalProperties === true;
  for (const [k, x] of Object.entries(v)) {
    const sub = s.properties?.[k];
    if (sub) walk(sub, x, child(path, k), out);
    else if (extra) walk(extra, x, key(path, k), out);
    else if (!preserve) unknown(child(path, k), out);
  }
}

export function checkUnknownFields(root: StructuralSchema, obj: Record<string, unknown>, out: Finding[]): void {
  for (const [k, x] of Object.entries(obj)) {
    if (k === "apiVersion" || k === "kind") continue;
    if (k === "metadata") {
      if (isObject(x)) for (const m of Object.keys(x)) if (!OBJECT_META.has(m)) unknown(child(child(ROOT, "metadata"), m), out);
      continue;
    }
    const sub = root.properties?.[k];
    if (sub) walk(sub, x, child(ROOT, k), out);
    else unknown(child(ROOT, k), out);
  }
}
