// The labels meshc puts on what it generates. Pods carry `app`, `version` and `meshc.io/zone`; the Services
// select on exactly these (the mesh-wide Service on `app`, the per-zone headless ones on all three), and
// `meshc inject` reads `app` and `version` to find a Deployment's workload (Istio's convention, so a team's
// existing labels usually already fit).
import type { MeshModel, ServiceModel } from "../../compiler/model";

export const APP_LABEL = "app";
export const VERSION_LABEL = "version";
export const ZONE_LABEL = "meshc.io/zone";
/** Which of a workload's ConfigMaps an object is ("envoy" or "capture"): how `meshc inject` finds its own. */
export const CONFIG_LABEL = "meshc.io/config";
export const MESH_LABEL = "meshc.io/mesh";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "meshc";
/** The well-known node label of a zone (https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone). */
export const TOPOLOGY_ZONE = "topology.kubernetes.io/zone";

/** On every object meshc writes: who manages it, and which mesh (a prune selector for GitOps tools). */
export function managedLabels(mesh: MeshModel): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [MESH_LABEL]: mesh.name };
}

/** What a pod of one (service, version, zone) is selected by. */
export function podSelector(service: ServiceModel, version: string, zone: string): Record<string, string> {
  return { [APP_LABEL]: service.name, [VERSION_LABEL]: version, [ZONE_LABEL]: zone };
}

export function serviceLabels(mesh: MeshModel, service: ServiceModel): Record<string, string> {
  return { ...managedLabels(mesh), [APP_LABEL]: service.name };
}

export function workloadLabels(mesh: MeshModel, service: ServiceModel, version: string, zone: string): Record<string, string> {
  return { ...managedLabels(mesh), ...podSelector(service, version, zone) };
}
