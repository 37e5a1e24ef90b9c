// x-kubernetes-list-type set and map: no two items (sets) or no two items' keys (maps) may be equal; the API server
// reports each repeated value once, at its second appearance (apiserver/schema/listtype/validation.go).
import { child, type FieldPath, index, key } from "./field-path";
import { type Finding, finding } from "./finding";
import type { StructuralSchema } from "./structural-schema";

const canonical = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function repeated(keys: readonly unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  keys.forEach((k, i) => {
    const c = canonical(k);
    const times = seen.get(c) ?? 0;
    if (times === 1) out.push(i);
    seen.set(c, times + 1);
  });
  return out;
}

function checkList(s: StructuralSchema, list: readonly unknown[], path: FieldPath, out: Finding[]): void {
  const type = s["x-kubernetes-list-type"];
  if (type === "set") {
    for (const i of repeated(list)) out.push(finding("MESH854", index(path, i).segments, index(path, i).text, "Duplicate value", list[i], ""));
  } else if (type === "map") {
    const bad = list.findIndex((x) => x !== null && !isObject(x));
    if (bad >= 0) {
      out.push(finding("MESH854", index(path, bad).segments, index(path, bad).text, "Invalid value", list[bad], "must be an object for an array of list-type map"));
      return;
    }
    const fields = s["x-kubernetes-list-map-keys"] ?? [];
    const keys = list.map((x) => {
      const k: Record<string, unknown> = {};
      for (const f of fields) if (isObject(x) && f in x) k[f] = x[f];
      return k;
    });
    for (const i of repeated(keys)) out.push(finding("MESH854", index(path, i).segments, index(path, i).text, "Duplicate value", keys[i], ""));
  }
}

export function checkListTypes(s: StructuralSchema | undefined, v: unknown, path: FieldPath, out: Finding[]): void {
  if (!s) return;
  if (Array.isArray(v)) {
    checkList(s, v, path, out);
    v.forEach((item, i) => checkListTypes(s.items, item, index(path, i), out));
  } else if (isObject(v)) {
    const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    for (const [k, x] of Object.entries(v)) {
      if (extra) checkListTypes(extra, x, key(path, k), out);
      const sub = s.properties?.[k];
      if (sub) checkListTypes(sub, x, child(path, k), out);
    }
  }
}
