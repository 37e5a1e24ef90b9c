import { child } from "../diagnostics/model-path";
import type { RouteTestModel } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { destinations } from "./route";
import { type Field, readObject, readString, refName } from "./read";
import { byName } from "./order";
import { firstSpelling } from "./header-names";

function pairs(c: Collector, value: Json | undefined, path: string, lowerCase: boolean): { name: string; value: string }[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    c.report("MESH012", path, `must be an object of name → value, but is ${describe(value)}.`);
    return [];
  }
  const seen = new Map<string, string>();
  return Object.entries(value)
    .flatMap(([name, v]) => {
      const folded = lowerCase ? name.toLowerCase() : name;
      if (!firstSpelling(c, seen, name, folded, path)) return [];
      if (typeof v === "string") return [{ name: folded, value: v }];
      c.report("MESH012", child(path, name), `must be a string, but is ${describe(v)}.`);
      return [];
    })
    .sort(byName);
}

/** The expectation: one version, or a split ordered by the called service's versions. */
function expectation(f: Field, versions: readonly string[]): Pick<RouteTestModel, "expectVersion" | "expectSplit"> | undefined {
  const hasVersion = f.obj.version !== undefined;
  const hasSplit = f.obj.split !== undefined;
  if (hasVersion === hasSplit) {
    f.c.report("MESH012", f.path, hasVersion ? "give 'expect' either 'version' or 'split', not both." : "'expect' needs a 'version' (every request lands on it) or a 'split' ({ version: weight }).");
    return undefined;
  }
  if (hasVersion) return { expectVersion: readString(f, "version", ""), expectSplit: null };
  const split = readObject(f, "split");
  return split ? { expectVersion: null, expectSplit: destinations(f.c, split.obj, split.path, versions) } : undefined;
}

/** `versionsOf` gives a called service's declared versions (none for a service the mesh does not define). */
export function normalizeRouteTest(c: Collector, value: Json, path: string, index: number, versionsOf: (service: string) => readonly string[]): RouteTestModel | undefined {
  if (!isObject(value)) {
    c.report("MESH012", path, `a routing test must be { request, expect }, but is ${describe(value)}.`);
    return undefined;
  }
  const f = { c, obj: value, path };
  const request = readObject(f, "request");
  const expect = readObject(f, "expect");
  if (!request || !expect) {
    c.report("MESH012", path, "a routing test needs both 'request' and 'expect'.");
    return undefined;
  }
  const to = refName(c, request.obj.to ?? null, child(request.path, "to")) ?? "";
  const from = request.obj.from === undefined ? null : refName(c, request.obj.from, child(request.path, "from")) ?? null;
  const expected = expectation(expect, versionsOf(to));
  if (!expected) return undefined;
  return {
    name: readString(f, "name", `${from ?? "anonymous"} → ${to}`),
    index,
    from,
    to,
    headers: pairs(c, request.obj.headers, child(request.path, "headers"), true),
    path: readString(request, "path", "/"),
    method: readString(request, "method", "GET").toUpperCase(),
    query: pairs(c, request.obj.query, child(request.path, "query"), false),
    ...expected,
  };
}
