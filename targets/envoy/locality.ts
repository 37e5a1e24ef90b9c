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
//
// xDS delivery serves the same localities as EDS (ClusterLoadAssignment) with the addresses the headless
// Services resolve to, which only the server can know; `endpointLocalities` is what both forms share.
import { type MeshModel, type ServiceModel, zoneServiceHost } from "../../compiler/model";
import { socketAddress } from "./address";

/** Zones by failover priority as seen from `ownZone`: the caller's zone first, then the mesh order. */
export function zonePriorities(mesh: MeshModel, service: ServiceModel, ownZone: string): { zone: string; priority: number }[] {
  if (service.failover === "none") return mesh.zones.map((zone) => ({ zone, priority: 0 }));
  const ordered = [ownZone, ...mesh.zones.filter((z) => z !== ownZone)];
  return ordered.map((zone, priority) => ({ zone, priority }));
}

/** One locality of a cluster: a zone, its priority for this caller, and the headless Service that lists its pods. */
export interface EndpointLocality {
  readonly zone: string;
  readonly priority: number;
  readonly host: string;
  readonly port: number;
}

/** The endpoints of one EDS cluster before resolution: the server turns each host into pod addresses. */
export interface EndpointSpec {
  readonly clusterName: string;
  readonly localities: readonly EndpointLocality[];
}

export function endpointLocalities(mesh: MeshModel, service: ServiceModel, version: string, port: number, ownZone: string): EndpointLocality[] {
  return zonePriorities(mesh, service, ownZone).map(({ zone, priority }) => ({ zone, priority, host: zoneServiceHost(service.name, service.namespace, version, zone), port }));
}

export function loadAssignment(clusterName: string, mesh: MeshModel, service: ServiceModel, version: string, port: number, ownZone: string): object {
  return {
    cluster_name: clusterName,
    endpoints: endpointLocalities(mesh, service, version, port, ownZone).map(({ zone, priority, host }) => ({
      locality: { zone },
      priority,
      lb_endpoints: [{ endpoint: { address: socketAddress(host, port) } }],
    })),
  };
}

/** A resolved address of a locality's headless Service (a pod). */
export interface ResolvedEndpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * The EDS resource of one cluster, from its localities and what each host resolved to. A locality with no
 * pods is left out and the priorities after it close up (Envoy and gRPC both want priorities without gaps),
 * which keeps spill-over order. `load_balancing_weight` is the locality's pod count: gRPC drops a locality
 * without a weight (its weighted_target policy needs one), and a weight equal to the pod count keeps the
 * share per pod what Envoy's host-level balancing gives (Envoy ignores locality weights unless
 * locality_weighted_lb_config is set).
 */
export function clusterLoadAssignment(spec: EndpointSpec, resolved: (host: string, port: number) => readonly ResolvedEndpoint[]): object {
  const present = spec.localities.map((l) => ({ l, pods: resolved(l.host, l.port) })).filter((x) => x.pods.length > 0);
  const priorities = [...new Set(present.map((x) => x.l.priority))].sort((a, b) => a - b);
  return {
    cluster_name: spec.clusterName,
    endpoints: present.map(({ l, pods }) => ({
      locality: { zone: l.zone },
      priority: priorities.indexOf(l.priority),
      load_balancing_weight: pods.length,
      lb_endpoints: pods.map((p) => ({ endpoint: { address: socketAddress(p.address, p.port) } })),
    })),
  };
}
