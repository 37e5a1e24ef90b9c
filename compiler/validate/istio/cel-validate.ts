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

interface Failure {
  readonly code: "MESH855" | "MESH856";
  readonly detail: string;
  readonly rule: string;
}

/**
 * A node's failures depend only on its schema and value (rules are pure: no oldSelf on create, no clock), and a
 * mesh repeats values (the same timeout, port or host on thousands of objects), so each (schema node, value) pair is
 * evaluated once per process. Bounded, so a long `meshc build --watch` does not grow without end.
 */
const MEMO_LIMIT = 100_000;
const memo = new Map<StructuralSchema, Map<string, readonly Failure[]>>();
let memoSize = 0;

const stableJson = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));

/** Values whose text is longer than this (a whole spec) are unique anyway: they are evaluated without the memo. */
const MEMO_KEY_LIMIT = 512;

function failuresOf(api: IstioApi, s: StructuralSchema, v: unknown, self: unknown): readonly Failure[] {
  const text = self === undefined ? stableJson(v) : null;
  const key = text !== null && text.length <= MEMO_KEY_LIMIT ? text : null;
  const cached = key === null ? undefined : memo.get(s)?.get(key);
  if (cached) return cached;
  const value = self ?? celValue(v, s);
  const failures: Failure[] = [];
  for (const compiled of api.rulesOf(s)) {
    if (compiled.usesOldSelf) continue;
    const result = compiled.evaluate(value);
    if (result === true) continue;
    if (result === false) failures.push({ code: "MESH855", detail: failureMessage(compiled, value), rule: compiled.rule.rule });
    else failures.push({ code: "MESH856", detail: evaluationErrorMessage(compiled, result.error), rule: compiled.rule.rule });
  }
  if (key !== null) {
    if (memoSize >= MEMO_LIMIT) {
      memo.clear();
      memoSize = 0;
    }
    let bySchema = memo.get(s);
    if (!bySchema) memo.set(s, (bySchema = new Map()));
    bySchema.set(key, failures);
    memoSize++;
  }
  return failures;
}

function walk(api: IstioApi, s: StructuralSchema | undefined, v: unknown, path: FieldPath, out: Finding[], self?: unknown): void {
  if (!s || v === null || v === undefined) return;
  if (api.rulesOf(s).length) {
    for (const f of failuresOf(api, s, v, self)) out.push(finding(f.code, path.segments, path.text || "<nil>", "Invalid value", structuralType(s), f.detail, f.rule));
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
