// The clusters of one sidecar: one per called (service, version, port), the external hosts, the app's own
// ports on loopback, and where unknown destinations go. With xDS delivery the outbound ones use EDS.
import type { MeshModel, Workload } from "../../compiler/model";
import { blackholeCluster, externalCluster, inboundCluster, type OutboundEndpoints, outboundCluster, passthroughCluster } from "./cluster";
import { separateProbePort } from "./listener-inbound";
import { externalClusterName } from "./names";
import { upstreams } from "./scope";

/** A sidecar's clusters; with xDS delivery the outbound ones take their endpoints from EDS. */
export function sidecarClusters(mesh: MeshModel, workload: Workload, zone: string, endpoints?: OutboundEndpoints): object[] {
  const service = workload.service;
  const probe = separateProbePort(service);
  return [
    ...upstreams(mesh, workload).map((u) => outboundCluster(mesh, u.service, u.version, u.port, zone, endpoints)),
    ...mesh.externals.flatMap((e) => e.ports.map((p) => externalCluster(mesh, externalClusterName(e.host, p.port), e.host, e.addresses, p.port))),
    ...service.ports.map((p) => inboundCluster(mesh, p)),
    ...(probe !== undefined ? [inboundCluster(mesh, { name: "probe", port: probe, protocol: "tcp" })] : []),
    mesh.outbound === "allow-any" ? passthroughCluster() : blackholeCluster(),
  ];
}
