import { child } from "../diagnostics/model-path";
import type { MatchModel, NamedMatch, PathMatchModel, ValueMatchModel } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { type Field, readObject } from "./read";
import { byName } from "./order";
import { firstSpelling } from "./header-names";

function valueMatch(c: Collector, value: Json, path: string): ValueMatchModel | undefined {
  if (typeof value === "string") return { kind: "exact", values: [value] };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) {
    return { kind: "exact", values: [...new Set(value as string[])] };
  }
  if (isObject(value)) {
    if (typeof value.exact === "string") return { kind: "exact", values: [value.exact] };
    if (typeof value.prefix === "string") return { kind: "prefix", value: value.prefix };
    if (typeof value.regex === "string") return { kind: "regex", value: value.regex };
    if (value.present === true) return { kind: "present" };
  }
  c.report("MESH012", path, `a match must be a string, a non-empty list of strings, { exact }, { prefix }, { regex } or { present: true }, but is ${describe(value)}.`);
  return undefined;
}

function namedMatches(f: Field, key: string, lowerCase: boolean): NamedMatch[] {
  const inner = readObject(f, key);
  if (!inner) return [];
  const out: NamedMatch[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(inner.obj)) {
    // HTTP header names are case-insensitive (RFC 9110 §5.1); Envoy and Istio compare them in lower case.
    const folded = lowerCase ? name.toLowerCase() : name;
    if (!firstSpelling(f.c, seen, name, folded, inner.path)) continue;
    const match = valueMatch(f.c, value, child(inner.path, name));
    if (match) out.push({ name: folded, match });
  }
  return out.sort(byName);
}

function pathMatch(c: Collector, value: Json | undefined, path: string): PathMatchModel | null {
  if (value === undefined) return null;
  if (typeof value === "string") return { kind: "prefix", value };
  if (isObject(value)) {
    for (const kind of ["exact", "prefix", "regex"] as const) {
      if (typeof value[kind] === "string") return { kind, value: value[kind] as string };
    }
  }
  c.report("MESH012", path, `'path' must be a string (prefix), { exact }, { prefix } or { regex }, but is ${describe(value)}.`);
  return null;
}

export const MATCH_ANY: MatchModel = { headers: [], path: null, methods: [], query: [] };

export function normalizeMatch(f: Field | undefined): MatchModel {
  if (!f) return MATCH_ANY;
  const method = f.obj.method;
  const methods = method === undefined ? [] : Array.isArray(method) ? method : [method];
  const okMethods = methods.filter((m): m is string => typeof m === "string").map((m) => m.toUpperCase());
  if (okMethods.length !== methods.length) f.c.report("MESH012", child(f.path, "method"), "'method' must be an HTTP method or a list of them.");
  return {
    headers: namedMatches(f, "headers", true),
    path: pathMatch(f.c, f.obj.path, child(f.path, "path")),
    methods: [...new Set(okMethods)].sort(),
    query: namedMatches(f, "query", false),
  };
}

/** True when the match accepts every request. */
export function matchesEverything(m: MatchModel): boolean {
  const anyPath = m.path === null || (m.path.kind === "prefix" && m.path.value === "/");
  return anyPath && m.headers.length === 0 && m.methods.length === 0 && m.query.length === 0;
}
