// Where a matched request goes: one cluster, or weighted clusters for a split; the route's timeout, retries
// and mirror. Weights are the model's percentages, which sum to 100.
import type { MeshModel, PortModel, RouteModel, ServiceModel } from "../../compiler/model";
import { serviceByName } from "../../compiler/model";
import { outboundClusterName } from "./names";
import { isHttp } from "./protocol-options";
import { retryPolicy } from "./retry-policy";
import { duration, fractionalPercent } from "./typed-config";

function destination(service: ServiceModel, route: RouteModel, port: number): object {
  const clusters = route.destinations.map((d) => ({ name: outboundClusterName(service, d.version, port), weight: d.weight }));
  if (clusters.length === 1) return { cluster: clusters[0]!.name };
  return { weighted_clusters: { clusters } };
}

function mirror(mesh: MeshModel, route: RouteModel, port: number): object {
  const target = mirrorTarget(mesh, route, port);
  if (!target) return {};
  const cluster = outboundClusterName(target.service, target.version, target.port.port);
  return { request_mirror_policies: [{ cluster, runtime_fraction: { default_value: fractionalPercent(target.percent) } }] };
}

export function routeAction(mesh: MeshModel, service: ServiceModel, route: RouteModel, port: number): object {
  const retries = retryPolicy(route.retries);
  return {
    ...destination(service, route, port),
    timeout: duration(route.timeoutMs),
    ...(retries ? { retry_policy: retries } : {}),
    ...mirror(mesh, route, port),
  };
}

/**
 * Where a route's mirror sends copies of requests arriving on `port`: the mirrored service on the same port
 * number, else on its first HTTP port. The caller's sidecar needs that cluster too.
 */
export function mirrorTarget(mesh: MeshModel, route: RouteModel, port: number): { service: ServiceModel; version: string; port: PortModel; percent: number } | undefined {
  const m = route.mirror;
  const target = m ? serviceByName(mesh, m.service) : undefined;
  const targetPort = target?.ports.find((p) => p.port === port) ?? target?.ports.find((p) => isHttp(p.protocol));
  if (!m || !target || !targetPort) return undefined;
  return { service: target, version: m.version, port: targetPort, percent: m.percent };
}
