import { child } from "../diagnostics/model-path";
import type { DrillModel } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { durationMs } from "./duration";
import { has, readList, readNumber, readObject, readStrings, refName, sortedUnique } from "./read";
import { byText } from "./order";

export function normalizeDrill(c: Collector, name: string, value: Json, path: string, zones: readonly string[]): DrillModel | undefined {
  if (!isObject(value)) {
    c.report("MESH012", path, `drill '${name}' must be { target, delay?, abort?, zones?, from? }, but is ${describe(value)}.`);
    return undefined;
  }
  const f = { c, obj: value, path };
  const delay = readObject(f, "delay");
  const abort = readObject(f, "abort");
  if (!delay && !abort) c.report("MESH012", path, `drill '${name}' injects nothing: give it a 'delay', an 'abort' or both.`);
  return {
    name,
    target: refName(c, value.target ?? null, child(path, "target")) ?? "",
    from: has(f, "from") ? sortedUnique(readList(f, "from").flatMap((r) => refName(c, r.value, r.path) ?? [])) : null,
    delay: delay ? { fixedMs: durationMs(c, delay.obj.fixed, child(delay.path, "fixed"), 0), percent: readNumber(delay, "percent", 100) } : null,
    abort: abort ? { status: readNumber(abort, "status", 503, true), percent: readNumber(abort, "percent", 100) } : null,
    // Zones keep the mesh's order, so the model does not depend on how the author listed them.
    zones: has(f, "zones") ? sortedByMeshOrder(readStrings(f, "zones").map((z) => z.value), zones) : [...zones],
  };
}

function sortedByMeshOrder(chosen: readonly string[], zones: readonly string[]): string[] {
  const rank = (z: string) => (zones.includes(z) ? zones.indexOf(z) : zones.length);
  return [...new Set(chosen)].sort((a, b) => rank(a) - rank(b) || byText(a, b));
}
