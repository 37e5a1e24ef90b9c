// A service's VirtualService: its routes in order, for every HTTP port of its host (Istio picks the first
// route whose match holds, as Envoy does within a virtual host), then TCP and TLS routes from the last route's
// split (TCP carries nothing to match on, as in the Envoy target). One VirtualService per host: two claiming
// the same host would be merged by Istio in an order nobody chose (compiler/validate/istio-references checks).
// https://istio.io/latest/docs/reference/config/networking/virtual-service/
import type { MeshModel, RouteModel, ServiceModel, WeightedVersion } from "../../compiler/model";
import type { TargetOptions } from "../target";
import type { ApiLevel } from "./api-level";
import { istioDuration } from "./duration";
import { callerGroups, httpFault, zoneDrills } from "./fault";
import { httpMatch } from "./http-match";
import { mirrorDestination } from "./mirror";
import { istioObject, type IstioObject } from "./object-meta";
import { httpPorts, tcpPorts, tlsPorts } from "./protocols";
import { httpRetry } from "./retries";
import { APP_LABEL } from "./workload-labels";

/** Destinations name the subset of a version (destination-rule.ts defines one per version). */
export function routeDestinations(service: ServiceModel, destinations: readonly WeightedVersion[]): object[] {
  // A lone destination takes all traffic; Istio's weight is then implied (and 0-weight entries never appear).
  if (destinations.length === 1) return [{ destination: { host: service.host, subset: destinations[0]!.version } }];
  return destinations.map((d) => ({ destination: { host: service.host, subset: d.version }, weight: d.weight }));
}

function mirror(mesh: MeshModel, service: ServiceModel, route: RouteModel): object {
  const m = mirrorDestination(mesh, service, route);
  if (!m) return {};
  return { mirror: { host: m.service.host, subset: m.version, ...(m.port !== undefined ? { port: { number: m.port } } : {}) }, mirrorPercentage: { value: m.percent } };
}

function httpRoute(mesh: MeshModel, service: ServiceModel, route: RouteModel, name: string, match: object | undefined, fault: object | undefined): object {
  return {
    name,
    ...(match ? { match: [match] } : {}),
    route: routeDestinations(service, route.destinations),
    // A timeout of 0 is the model's "no timeout"; Istio says so by leaving the field out (its CRD refuses 0s).
    ...(route.timeoutMs > 0 ? { timeout: istioDuration(route.timeoutMs) } : {}),
    retries: httpRetry(route.retries),
    ...mirror(mesh, service, route),
    ...(fault ? { fault } : {}),
  };
}

/** The HTTP routes, with the drill copies for named callers before each route they apply to. */
function httpRoutes(mesh: MeshModel, options: TargetOptions, service: ServiceModel, zone: string): object[] {
  const groups = callerGroups(zoneDrills(mesh, options, service.name, zone));
  const named = groups.filter((g) => g.callers !== null);
  const fallback = groups.find((g) => g.callers === null);
  return service.routes.flatMap((route) => {
    const copies = named.map((g, i) => {
      // One match request per caller: Istio ORs the entries of `match`.
      const matches = g.callers!.map((caller) => httpMatch(route.match, { [APP_LABEL]: caller })!);
      return { ...(httpRoute(mesh, service, route, `${route.name}-drill-${i + 1}`, undefined, httpFault(g.drills)) as Record<string, unknown>), match: matches };
    });
    return [...copies, httpRoute(mesh, service, route, route.name, httpMatch(route.match), fallback ? httpFault(fallback.drills) : undefined)];
  });
}

function lastRoute(service: ServiceModel): RouteModel | undefined {
  return service.routes[service.routes.length - 1];
}

export function virtualService(mesh: MeshModel, level: ApiLevel, options: TargetOptions, service: ServiceModel, zone: string): IstioObject | undefined {
  const fallback = lastRoute(service);
  if (!fallback || !service.ports.length) return undefined;
  const http = httpPorts(service).length ? httpRoutes(mesh, options, service, zone) : [];
  const tcp = tcpPorts(service);
  const tls = tlsPorts(service);
  const spec = {
    hosts: [service.host],
    ...(http.length ? { http } : {}),
    ...(tcp.length ? { tcp: [{ match: tcp.map((port) => ({ port })), route: routeDestinations(service, fallback.destinations) }] } : {}),
    ...(tls.length ? { tls: [{ match: tls.map((port) => ({ port, sniHosts: [service.host] })), route: routeDestinations(service, fallback.destinations) }] } : {}),
  };
  return istioObject(level, "VirtualService", mesh.name, service.name, service.namespace, spec);
}
