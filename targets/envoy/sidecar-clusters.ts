// The clusters of one sidecar: one per called (service, version, port), the external hosts, the app's own
// ports on loopback, and where unknown destinations go. With xDS delivery the outbound ones use EDS.
import type { MeshModel, Workload } from "../../compiler/model";
import { blackholeCluster, externalCluster, inboundCluster, type OutboundEndpoints, outboundCluster, passthroughCluster } from "./cluster";
import { separateProbePort } from "./listener-inbound";
import { externalClusterName } from "./names";
import { upstreams } from "./scope";

/**
 * The cluster for a called (service, version, port) is the same object for every caller in a zone (of one model),
 * so that it is built once and its YAML written once (stable-yaml's shareRendering, through clustersFile): at
 * 1 000 services, two thirds of the CDS text is clusters that other callers in the zone hold too.
 */
const outboundClusters = new WeakMap<MeshModel, Map<string, object>>();

function sharedOutboundCluster(mesh: MeshModel, u: ReturnType<typeof upstreams>[number], zone: string, endpoints: OutboundEndpoints | undefined): object {
  let byKey = outboundClusters.get(mesh);
  if (!byKey) outboundClusters.set(mesh, (byKey = new Map()));
  const key = `${u.service.name}\n${u.version}\n${u.port.port}\n${zone}\n${endpoints?.source ?? ""}\n${endpoints?.client ?? ""}`;
  let cluster = byKey.get(key);
  if (!cluster) byKey.set(key, (cluster = Object.freeze(outboundCluster(mesh, u.service, u.version, u.port, zone, endpoints))));
  return cluster;
}

/** A sidecar's clusters; with xDS delivery the outbound ones take their endpoints from EDS. */
export function sidecarClusters(mesh: MeshModel, workload: Workload, zone: string, endpoints?: OutboundEndpoints): object[] {
  const service = workload.service;
  const probe = separateProbePort(service);
  return [
    ...upstreams(mesh, workload).map((u) => sharedOutboundCluster(mesh, u, zone, endpoints)),
    ...mesh.externals.flatMap((e) => e.ports.map((p) => externalCluster(mesh, externalClusterName(e.host, p.port), e.host, e.addresses, p.port))),
    ...service.ports.map((p) => inboundCluster(mesh, p)),
    ...(probe !== undefined ? [inboundCluster(mesh, { name: "probe", port: probe, protocol: "tcp" })] : []),
    mesh.outbound === "allow-any" ? passthroughCluster() : blackholeCluster(),
  ];
}
