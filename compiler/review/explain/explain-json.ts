// `meshc explain --json`: the same explanation as data (docs/cli.md documents the shape). Places are
// file:line:column strings, or absent where the value was never written (a default).
import { placeText, type SourcePlace } from "../source-place";
import type { Explanation } from "./explain";
import { explainPaths } from "./explain-places";

export function explainJson(e: Explanation, places: ReadonlyMap<string, SourcePlace | undefined>): object {
  const p = explainPaths(e);
  const at = (path: string) => {
    const text = placeText(places.get(path));
    return text ? { at: text } : {};
  };
  const r = e.request;
  return {
    request: { from: r.from, to: r.to, zone: e.zone, method: r.method.toUpperCase(), path: r.path, headers: r.headers, query: r.query, drills: r.drills },
    reach: { calls: e.calls, outbound: e.outbound, ...at(p.calls) },
    access: { admitted: e.admitted, allowFrom: e.callee.access.allowFrom, mtls: e.callee.access.mtls, ...at(p.access) },
    protocol: e.protocol,
    routes: e.routes.map((v, i) => ({ name: v.route.name, index: v.route.index, implicit: v.route.implicit, matched: v.matched, misses: v.misses, ...at(p.routes[i]!) })),
    route: e.route.name,
    destinations: e.destinations,
    version: e.version,
    timeoutMs: e.timeoutMs,
    retries: e.retries,
    mirror: e.mirror,
    overload: e.overload,
    rateLimit: e.rateLimit,
    drills: e.drills.map((d, i) => ({ name: d.drill.name, active: d.active, ...(d.active ? {} : { why: d.why }), delay: d.drill.delay, abort: d.drill.abort, ...at(p.drills[i]!) })),
    zones: e.zones,
  };
}
