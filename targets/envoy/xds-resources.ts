// What `meshc serve` sends one sidecar over ADS, as data: listeners, route configurations, clusters and the
// endpoint specs the server resolves into ClusterLoadAssignments. Built by the constructors the files use;
// only where the resources come from differs (routes by RDS instead of inline, endpoints by EDS instead of
// DNS), so a policy means the same over xDS as in files.
//
// Two shapes, because the two xDS clients need different things:
// - `envoy` (an Envoy sidecar): the capture listeners of lds.yaml, their HTTP route tables as RDS resources,
//   the clusters of cds.yaml with the outbound ones on EDS.
// - `grpc` (proxyless gRPC, e.g. @grpc/grpc-js-xds): gRPC dials `xds:///<host>:<port>` and asks for the
//   listener of that name, which must be an api_listener holding an HTTP connection manager (gRPC has no
//   sockets to capture, and rejects a listener with listener_filters or use_original_dst); its route
//   configuration holds that one service's virtual host, without the catch-all host whose direct_response
//   gRPC rejects. Clusters are the outbound EDS ones without a transport socket (gRPC takes certificates
//   only from the certificate providers of its own bootstrap and rejects clusters that name files), with
//   outlier detection's success-rate defaults written out (outlier-detection.ts).
import type { MeshModel, Workload } from "../../compiler/model";
import type { TargetOptions } from "../target";
import { outboundCluster } from "./cluster";
import { HCM_TYPE, hcmConfig } from "./http-connection-manager";
import { inboundListener } from "./listener-inbound";
import { drillFilters, outboundHttpPorts, outboundListenerWithRoutes } from "./listener-outbound";
import { type EndpointSpec, endpointLocalities } from "./locality";
import { outboundClusterName } from "./names";
import { serviceVirtualHost } from "./route-table";
import { upstreams } from "./scope";
import { sidecarClusters } from "./sidecar-clusters";
import { typed } from "./typed-config";

export type XdsShape = "envoy" | "grpc";

/** One sidecar's resources by type; every resource carries its name (`name`, or `cluster_name` for EDS). */
export interface SidecarResources {
  readonly listeners: readonly object[];
  readonly routes: readonly object[];
  readonly clusters: readonly object[];
  readonly endpoints: readonly EndpointSpec[];
}

function endpointSpecs(mesh: MeshModel, workload: Workload, zone: string): EndpointSpec[] {
  return upstreams(mesh, workload).map((u) => ({
    clusterName: outboundClusterName(u.service, u.version, u.port.port),
    localities: endpointLocalities(mesh, u.service, u.version, u.port.port, zone),
  }));
}

function envoyShape(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): SidecarResources {
  const outbound = outboundListenerWithRoutes(mesh, options, workload, zone, "rds");
  return {
    listeners: [outbound.listener, inboundListener(mesh, workload)],
    routes: outbound.routes,
    clusters: sidecarClusters(mesh, workload, zone, { source: "eds", client: "envoy" }),
    endpoints: endpointSpecs(mesh, workload, zone),
  };
}

/** The name gRPC asks for: the authority of its `xds:///` target. */
function grpcTarget(host: string, port: number): string {
  return `${host}:${port}`;
}

function grpcShape(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): SidecarResources {
  const listeners: object[] = [];
  const routes: object[] = [];
  for (const p of outboundHttpPorts(mesh, options, workload, zone)) {
    for (const s of p.services) {
      const name = grpcTarget(s.service.host, p.port);
      const hcm = hcmConfig(mesh, { statPrefix: `outbound_${p.port}_${s.service.name}`, routes: { rds: name }, httpFilters: drillFilters({ services: [s] }) });
      listeners.push({ name, api_listener: { api_listener: typed(HCM_TYPE, hcm) } });
      routes.push({ name, virtual_hosts: [serviceVirtualHost(mesh, s.service, p.port, s.drills)] });
    }
  }
  return {
    listeners,
    routes,
    clusters: upstreams(mesh, workload).map((u) => outboundCluster(mesh, u.service, u.version, u.port, zone, { source: "eds", client: "grpc" })),
    endpoints: endpointSpecs(mesh, workload, zone),
  };
}

export function sidecarResources(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string, shape: XdsShape): SidecarResources {
  return shape === "envoy" ? envoyShape(mesh, options, workload, zone) : grpcShape(mesh, options, workload, zone);
}
