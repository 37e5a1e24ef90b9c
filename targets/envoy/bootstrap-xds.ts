// The bootstrap of xDS delivery (bootstrap-xds.yaml): the same node, admin and telemetry as bootstrap.yaml,
// with listeners, routes, clusters and endpoints from the zone's `meshc serve` over one ADS stream
// (https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/xds_api#aggregated-discovery-service).
// When the server is gone Envoy keeps serving with the last config it accepted, and reconnects.
//
// With mTLS on for the workload, the sidecar dials the server with its own SPIFFE certificate (that is how the
// server knows which workload it is) and accepts only the server's identity.
import { type MeshModel, type Workload, xdsServiceName } from "../../compiler/model";
import { MESHC_NAMESPACE, XDS_PORT, XDS_SERVICE_ACCOUNT, xdsServerHost } from "../sidecar-layout";
import { dnsLookupFamily, socketAddress } from "./address";
import { bootstrapBase, type NodeScope } from "./bootstrap";
import { adsSource } from "./http-connection-manager";
import { XDS_CLUSTER } from "./names";
import { http2ProtocolOptions } from "./protocol-options";
import { accountSpiffeId, callersUseTls, upstreamTlsTo } from "./tls";
import { duration } from "./typed-config";

const XDS_CONNECT_TIMEOUT_MS = 1000;
const GRPC_ALPN = ["h2"];

function xdsCluster(mesh: MeshModel, workload: Workload, zone: string): object {
  const host = xdsServerHost(xdsServiceName(zone));
  return {
    name: XDS_CLUSTER,
    type: "STRICT_DNS",
    connect_timeout: duration(XDS_CONNECT_TIMEOUT_MS),
    dns_lookup_family: dnsLookupFamily(mesh),
    ...http2ProtocolOptions(),
    ...(callersUseTls(workload.service) ? upstreamTlsTo(accountSpiffeId(MESHC_NAMESPACE, XDS_SERVICE_ACCOUNT), GRPC_ALPN) : {}),
    load_assignment: { cluster_name: XDS_CLUSTER, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(host, XDS_PORT) } }] }] },
  };
}

/**
 * Everything the folder's bootstrap-xds.yaml (`bootstrapXds(…, "folder")`) reads besides the mesh-wide settings:
 * its zone (the server) and whether the service dials it with mTLS. Equal keys, equal bootstraps: the target
 * writes each once (index.ts; test/envoy/folder-bootstraps.test.ts holds each folder's to its own rendering).
 */
export function folderXdsBootstrapKey(workload: Workload, zone: string): string {
  return `${zone}\n${callersUseTls(workload.service)}`;
}

export function bootstrapXds(mesh: MeshModel, workload: Workload, zone: string, scope: NodeScope = "sidecar"): object {
  const base = bootstrapBase(mesh, workload, zone, scope);
  return {
    node: base.node,
    admin: base.admin,
    static_resources: { listeners: base.listeners, clusters: [...base.clusters, xdsCluster(mesh, workload, zone)] },
    dynamic_resources: {
      ads_config: { api_type: "GRPC", transport_api_version: "V3", grpc_services: [{ envoy_grpc: { cluster_name: XDS_CLUSTER } }], set_node_on_first_message_only: true },
      lds_config: adsSource(),
      cds_config: adsSource(),
    },
  };
}
