// The files of one zone (docs/output-format.md): istio/<zone>/mesh.yaml with the mesh-wide objects and
// istio/<zone>/<service>.yaml with one service's, each a YAML stream in apply order. A change to one service
// touches only its own files; the mesh file changes with externals, telemetry, the outbound policy or the set of
// namespaces.
import type { MeshModel, ServiceModel } from "../../compiler/model";
import type { TargetOptions } from "../target";
import type { ApiLevel } from "./api-level";
import { authorizationPolicy } from "./authorization-policy";
import { destinationRule } from "./destination-rule";
import { envoyFilterRateLimit } from "./envoy-filter-rate-limit";
import { zoneDrills } from "./fault";
import { applyOrder, type IstioObject } from "./object-meta";
import { peerAuthentication } from "./peer-authentication";
import { serviceEntry } from "./service-entry";
import { namespaceSidecar, sidecar } from "./sidecar";
import { telemetry } from "./telemetry";
import { virtualService } from "./virtual-service";

export const MESH_FILE_STEM = "mesh";

export function meshFile(zone: string): string {
  return `istio/${zone}/${MESH_FILE_STEM}.yaml`;
}

export function serviceFile(zone: string, service: string): string {
  return `istio/${zone}/${service}.yaml`;
}

function namespaces(mesh: MeshModel): string[] {
  return [...new Set(mesh.services.map((s) => s.namespace))].sort();
}

export function meshObjects(mesh: MeshModel, level: ApiLevel): IstioObject[] {
  return [
    ...mesh.externals.map((e) => serviceEntry(mesh, level, e)),
    ...namespaces(mesh).flatMap((ns) => [telemetry(mesh, level, ns), namespaceSidecar(mesh, level, ns)]),
  ].sort(applyOrder);
}

/**
 * One service's objects for every zone. Only the VirtualService depends on the zone (its drills), so zones with
 * the same drills for this service share one list: the same array, which `build` serializes once.
 */
export function serviceObjectsByZone(mesh: MeshModel, level: ApiLevel, options: TargetOptions, service: ServiceModel): Map<string, IstioObject[]> {
  const shared = [
    destinationRule(mesh, level, service),
    peerAuthentication(mesh, level, service),
    authorizationPolicy(mesh, level, service),
    sidecar(mesh, level, service),
    envoyFilterRateLimit(mesh, level, service),
  ].filter((o): o is IstioObject => o !== undefined);
  const byDrills = new Map<string, IstioObject[]>();
  const byZone = new Map<string, IstioObject[]>();
  for (const zone of mesh.zones) {
    const key = zoneDrills(mesh, options, service.name, zone).map((d) => d.name).join("\n");
    let objects = byDrills.get(key);
    if (!objects) {
      const vs = virtualService(mesh, level, options, service, zone);
      objects = (vs ? [...shared, vs] : [...shared]).sort(applyOrder);
      byDrills.set(key, objects);
    }
    byZone.set(zone, objects);
  }
  return byZone;
}
