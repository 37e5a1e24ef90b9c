// A sidecar reaches a service only through its declared ports: each port is a listener filter chain and a
// cluster per version. A service that is called (or mirrored to, or targeted by a drill or a routing test)
// but declares no port compiles into configs in which no caller can reach it, while its routing tests still
// pass in the simulator; an external host without ports is the same dead end. A service nobody calls may
// have no ports (a client-only workload). This runs in normalize, on what the author wrote: a port that was
// written but could not be read is MESH012 already, and must not also read as "no ports".
import { child, element } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import type { DrillModel, ExternalModel, RouteTestModel, ServiceModel } from "../model";
import { type Collector, isObject, type Json } from "./context";

/** True when the author gave no port at all: `ports` missing or `{}` (a wrong shape is reported elsewhere). */
export function declaresNoPorts(ports: Json | undefined): boolean {
  return ports === undefined || (isObject(ports) && Object.keys(ports).length === 0);
}

interface Reached {
  readonly path: string;
  readonly message: string;
}

/** Service name → the first place that needs its ports. */
function reachedBy(services: readonly ServiceModel[], drills: readonly DrillModel[], tests: readonly RouteTestModel[]): Map<string, Reached> {
  const out = new Map<string, Reached>();
  const add = (name: string, path: string, message: string) => void (out.has(name) || out.set(name, { path, message }));
  for (const s of services) {
    for (const callee of s.calls) add(callee, element(child(child("services", s.name), "calls"), callee), `'${s.name}' calls it here`);
    for (const r of s.routes) if (r.mirror) add(r.mirror.service, child(child(child(child("services", s.name), "routes"), r.index), "mirror"), `a route of '${s.name}' mirrors to it here`);
  }
  for (const d of drills) add(d.target, child(child(child("mesh", "drills"), d.name), "target"), `drill '${d.name}' targets it here`);
  for (const t of tests) add(t.to, child(child(child(child("mesh", "tests"), t.index), "request"), "to"), "a routing test sends a request to it here");
  return out;
}

/** MESH112 for every reached service, and every external host, whose author declared no ports. */
export function reportUnreachablePorts(
  c: Collector,
  model: { readonly services: readonly ServiceModel[]; readonly drills: readonly DrillModel[]; readonly tests: readonly RouteTestModel[]; readonly externals: readonly ExternalModel[] },
  portless: ReadonlySet<string>,
  portlessExternals: ReadonlySet<string>,
): void {
  const reached = reachedBy(model.services, model.drills, model.tests);
  for (const s of model.services) {
    const by = reached.get(s.name);
    if (!by || !portless.has(s.name)) continue;
    c.report("MESH112", child(child("services", s.name), "ports"), `service '${s.name}' declares no ports, so no sidecar can reach it.`, "declare the ports it serves, e.g. ports: { http: 8080 }", [by]);
  }
  for (const e of model.externals) {
    if (!portlessExternals.has(e.host)) continue;
    c.report("MESH112", child(child("mesh.external", e.host), "ports"), `external host ${shown(e.host)} declares no ports, so no sidecar can reach it.`, "declare the ports it serves, e.g. ports: { https: 443 }");
  }
}
