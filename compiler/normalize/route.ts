import { child } from "../diagnostics/model-path";
import type { MirrorModel, RouteModel, WeightedVersion } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { durationMs } from "./duration";
import { MATCH_ANY, matchesEverything, normalizeMatch } from "./match";
import { readNumber, readObject, readString, refName } from "./read";
import { readRetries, resolveRetries, type RetrySetting } from "./retries";
import { byText } from "./order";

export interface RouteDefaults {
  readonly timeoutMs: number;
  readonly retries: RetrySetting;
  /** The service's versions in declaration order: weighted destinations follow it. */
  readonly versions: readonly string[];
}

/** A version or { version: weight } as weighted versions: the given order of `versions`, zero weights dropped. */
export function destinations(c: Collector, value: Json | undefined, path: string, versions: readonly string[]): WeightedVersion[] {
  if (typeof value === "string") return [{ version: value, weight: 100 }];
  if (isObject(value)) {
    const entries = Object.entries(value).flatMap(([version, weight]) => {
      if (typeof weight === "number" && Number.isFinite(weight)) return [{ version, weight }];
      c.report("MESH012", child(path, version), `the weight of '${version}' must be a number, but is ${describe(weight)}.`);
      return [];
    });
    // Declared versions first, in declaration order; unknown ones (a check reports them) after, by name.
    const rank = (v: string) => (versions.includes(v) ? versions.indexOf(v) : versions.length);
    return entries
      .filter((e) => e.weight !== 0)
      .sort((a, b) => rank(a.version) - rank(b.version) || byText(a.version, b.version));
  }
  c.report("MESH012", path, `'to' must be a version or { version: weight }, but is ${describe(value)}.`);
  return versions.length ? [{ version: versions[0]!, weight: 100 }] : [];
}

function mirror(c: Collector, value: Json | undefined, path: string): MirrorModel | null {
  if (value === undefined) return null;
  if (!isObject(value)) {
    c.report("MESH012", path, `'mirror' must be { to, version?, percent? }, but is ${describe(value)}.`);
    return null;
  }
  const f = { c, obj: value, path };
  const service = refName(c, value.to ?? null, child(path, "to"));
  if (!service) return null;
  // The version is resolved against the mirrored service later (normalizeMesh), when all services are known.
  return { service, version: readString(f, "version", ""), percent: readNumber(f, "percent", 100) };
}

export function normalizeRoute(c: Collector, value: Json, path: string, index: number, d: RouteDefaults): RouteModel | undefined {
  if (!isObject(value)) {
    c.report("MESH012", path, `a route must be an object { when?, to, … }, but is ${describe(value)}.`);
    return undefined;
  }
  const f = { c, obj: value, path };
  const timeoutMs = durationMs(c, value.timeout, child(path, "timeout"), d.timeoutMs);
  if (value.to === undefined) c.report("MESH012", path, "a route needs 'to': the version(s) it sends traffic to.");
  return {
    name: readString(f, "name", `route-${index}`),
    index,
    implicit: false,
    match: normalizeMatch(readObject(f, "when")),
    destinations: value.to === undefined ? [] : destinations(c, value.to, child(path, "to"), d.versions),
    timeoutMs,
    retries: resolveRetries(readRetries(c, value.retries, child(path, "retries"), d.retries), timeoutMs),
    mirror: mirror(c, value.mirror, child(path, "mirror")),
  };
}

/** The catch-all appended when the author's routes do not end with one: everything to the default version. */
export function implicitRoute(index: number, d: RouteDefaults): RouteModel {
  return {
    name: "default",
    index,
    implicit: true,
    match: MATCH_ANY,
    destinations: d.versions.length ? [{ version: d.versions[0]!, weight: 100 }] : [],
    timeoutMs: d.timeoutMs,
    retries: resolveRetries(d.retries, d.timeoutMs),
    mirror: null,
  };
}

export function needsImplicitRoute(routes: readonly RouteModel[]): boolean {
  const last = routes[routes.length - 1];
  return !last || !matchesEverything(last.match);
}
