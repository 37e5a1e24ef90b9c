// Where a route's mirror sends its copies, with the Envoy target's rule (targets/envoy/route-action.ts): the
// mirrored service on the request's port number, else on its first HTTP port. One Istio HTTP route serves
// every HTTP port of the host, so the mirror can name one port only: when the service's HTTP ports would
// mirror to different ports, findings.ts reports it (MESH862) instead of picking one.
import { type MeshModel, type RouteModel, serviceByName, type ServiceModel } from "../../compiler/model";
import { httpPorts, isHttp } from "./protocols";

export interface MirrorDestination {
  readonly service: ServiceModel;
  readonly version: string;
  /** Undefined when the mirrored service has one port (Istio then needs none). */
  readonly port: number | undefined;
  readonly percent: number;
}

function targetPort(target: ServiceModel, port: number): number | undefined {
  return (target.ports.find((p) => p.port === port) ?? target.ports.find((p) => isHttp(p.protocol)))?.port;
}

/** The mirror ports the service's HTTP ports would use, distinct and sorted. */
export function mirrorPorts(mesh: MeshModel, service: ServiceModel, route: RouteModel): number[] {
  const target = route.mirror ? serviceByName(mesh, route.mirror.service) : undefined;
  if (!target) return [];
  const ports = httpPorts(service).flatMap((p) => targetPort(target, p) ?? []);
  return [...new Set(ports)].sort((a, b) => a - b);
}

export function mirrorDestination(mesh: MeshModel, service: ServiceModel, route: RouteModel): MirrorDestination | undefined {
  const m = route.mirror;
  const target = m ? serviceByName(mesh, m.service) : undefined;
  const ports = mirrorPorts(mesh, service, route);
  if (!m || !target || ports.length === 0) return undefined;
  return { service: target, version: m.version, port: target.ports.length > 1 ? ports[0] : undefined, percent: m.percent };
}
