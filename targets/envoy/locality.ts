// Locality-aware endpoints. Each zone of the mesh has its own headless Service per (service, version), which
// the kubernetes target creates (`zoneServiceHost`); a STRICT_DNS cluster resolves each into one locality, one
// host per ready pod. With zone failover, the caller's own zone is priority 0 and the other zones follow as
// priorities 1, 2, … in the mesh's zone order, so Envoy sends traffic across zones only when the closer priority
// is unhealthy or empty (priority spill-over:
// https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/priority).
// "Unhealthy" needs outlier ejection, which the model guarantees for every zone-failover service
// (outlier-detection.ts); a zone without ready pods resolves empty and fails over without it.
// Envoy's default overprovisioning factor (1.4) is kept: a zone keeps all its traffic while at least 72 % of its
// hosts are healthy, and spills the rest to the next zone below that. Without failover every zone shares
// priority 0.
import { type MeshModel, type ServiceModel, zoneServiceHost } from "../../compiler/model";
import { socketAddress } from "./address";

/** Zones by failover priority as seen from `ownZone`: the caller's zone first, then the mesh order. */
export function zonePriorities(mesh: MeshModel, service: ServiceModel, ownZone: string): { zone: string; priority: number }[] {
  if (service.failover === "none") return mesh.zones.map((zone) => ({ zone, priority: 0 }));
  const ordered = [ownZone, ...mesh.zones.filter((z) => z !== ownZone)];
  return ordered.map((zone, priority) => ({ zone, priority }));
}

export function loadAssignment(clusterName: string, mesh: MeshModel, service: ServiceModel, version: string, port: number, ownZone: string): object {
  return {
    cluster_name: clusterName,
    endpoints: zonePriorities(mesh, service, ownZone).map(({ zone, priority }) => ({
      locality: { zone },
      priority,
      lb_endpoints: [{ endpoint: { address: socketAddress(zoneServiceHost(service.name, service.namespace, version, zone), port) } }],
    })),
  };
}
