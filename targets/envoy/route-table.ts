// The outbound route table of one port: a virtual host per called service on that port (selected by the
// Host/:authority header, as Kubernetes clients send it), each with the service's routes in order, and a
// last virtual host for every other host, by the mesh's outbound policy.
import type { DrillModel, ExternalModel, MeshModel, ServiceModel } from "../../compiler/model";
import { shareRendering } from "../stable-yaml";
import { faultOverride } from "./filters/fault";
import { externalClusterName, outboundRouteTableName, PASSTHROUGH_CLUSTER, virtualHostName } from "./names";
import { routeAction } from "./route-action";
import { routeMatches } from "./route-match";

/** registry-only: requests for hosts outside the mesh get this status from the sidecar itself. */
const BLOCKED_STATUS = 502;

/** The names a client in the mesh may use for a service: FQDN, namespace-qualified and short, with and without port. */
export function serviceDomains(service: ServiceModel, port: number): string[] {
  const names = [service.host, `${service.name}.${service.namespace}.svc`, `${service.name}.${service.namespace}`, service.name];
  return names.flatMap((n) => [n, `${n}:${port}`]);
}

/**
 * Without drills a callee's virtual host is the same for every caller, so it is one object per (model, callee,
 * port) and its YAML is written once (stable-yaml's shareRendering), as the callee's clusters are.
 */
const undrilled = new WeakMap<MeshModel, Map<string, object>>();

export function serviceVirtualHost(mesh: MeshModel, service: ServiceModel, port: number, drills: readonly DrillModel[]): object {
  if (drills.length) return virtualHost(mesh, service, port, drills);
  let byKey = undrilled.get(mesh);
  if (!byKey) undrilled.set(mesh, (byKey = new Map()));
  const key = `${service.name}\n${port}`;
  let host = byKey.get(key);
  if (!host) byKey.set(key, (host = shareRendering(Object.freeze(virtualHost(mesh, service, port, drills)))));
  return host;
}

function virtualHost(mesh: MeshModel, service: ServiceModel, port: number, drills: readonly DrillModel[]): object {
  return {
    name: virtualHostName(service.host, port),
    domains: serviceDomains(service, port),
    // A route whose one-of is cut into chunks appears once per chunk, in place, under its own name.
    routes: service.routes.flatMap((route) => {
      const action = routeAction(mesh, service, route, port);
      return routeMatches(route.match).map((match) => ({ name: route.name, match, route: action }));
    }),
    ...(drills.length ? { typed_per_filter_config: faultOverride(drills) } : {}),
  };
}

function externalVirtualHost(external: ExternalModel, port: number): object {
  return {
    name: virtualHostName(external.host, port),
    domains: [external.host, `${external.host}:${port}`],
    routes: [{ name: "external", match: { prefix: "/" }, route: { cluster: externalClusterName(external.host, port) } }],
  };
}

function fallbackVirtualHost(mesh: MeshModel): object {
  if (mesh.outbound === "allow-any") {
    return { name: "allow_any", domains: ["*"], routes: [{ name: "allow_any", match: { prefix: "/" }, route: { cluster: PASSTHROUGH_CLUSTER } }] };
  }
  return { name: "block_all", domains: ["*"], routes: [{ name: "block_all", match: { prefix: "/" }, direct_response: { status: BLOCKED_STATUS } }] };
}

export interface PortServices {
  readonly port: number;
  readonly services: readonly { readonly service: ServiceModel; readonly drills: readonly DrillModel[] }[];
  readonly externals: readonly ExternalModel[];
}

export function outboundRouteTable(mesh: MeshModel, p: PortServices): object {
  return {
    name: outboundRouteTableName(p.port),
    virtual_hosts: [
      ...p.services.map((s) => serviceVirtualHost(mesh, s.service, p.port, s.drills)),
      ...p.externals.map((e) => externalVirtualHost(e, p.port)),
      fallbackVirtualHost(mesh),
    ],
    // Clusters come from a separate file (CDS); a route may briefly name one that has not arrived yet.
    validate_clusters: false,
  };
}
