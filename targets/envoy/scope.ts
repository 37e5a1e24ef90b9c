// What one sidecar may see: only the services its service calls (plus the services their routes mirror to),
// so a sidecar's config grows with its dependencies, not with the mesh.
import { type MeshModel, serviceByName, type ServiceModel, type Workload } from "../../compiler/model";
import { mirrorTarget } from "./route-action";

export interface Upstream {
  readonly service: ServiceModel;
  readonly version: string;
  readonly port: ServiceModel["ports"][number];
}

/** Called services, in the model's (sorted) order. */
export function calledServices(mesh: MeshModel, workload: Workload): ServiceModel[] {
  return workload.service.calls.flatMap((name) => serviceByName(mesh, name) ?? []);
}

/** Every (service, version, port) this sidecar needs a cluster for: called ones and mirror targets, de-duplicated. */
export function upstreams(mesh: MeshModel, workload: Workload): Upstream[] {
  const out = new Map<string, Upstream>();
  const add = (u: Upstream) => out.set(`${u.service.name}|${u.version}|${u.port.port}`, u);
  for (const service of calledServices(mesh, workload)) {
    for (const port of service.ports) {
      for (const version of service.versions) add({ service, version, port });
      for (const route of service.routes) {
        const m = mirrorTarget(mesh, route, port.port);
        if (m) add({ service: m.service, version: m.version, port: m.port });
      }
    }
  }
  return [...out.values()].sort((a, b) => cmp(a.service.name, b.service.name) || a.port.port - b.port.port || cmp(a.version, b.version));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every service a sidecar's files read: its own, the ones it calls, their mirror targets, and the callers its
 * access rules name (their namespaces make the SPIFFE identities). By name, whether or not they exist, so that
 * adding or removing one is seen as a change (compiler/watch rebuilds a sidecar when one of these changes).
 */
export function servicesRead(mesh: MeshModel, workload: Workload): string[] {
  const own = workload.service;
  const mirrored = calledServices(mesh, workload).flatMap((s) => s.routes.flatMap((r) => (r.mirror ? [r.mirror.service] : [])));
  return [own.name, ...own.calls, ...mirrored, ...(own.access.allowFrom ?? [])];
}
