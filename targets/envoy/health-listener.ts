// The kubelet's readiness probe: HEALTH_PORT answers READY_PATH with the admin interface's /ready, which is
// 200 only once the server is LIVE (initial LDS and CDS loaded), so a pod receives traffic only after its
// sidecar has its config. Only that one path reaches the admin interface, which stays on loopback (Istio's
// 15021 does the same). https://www.envoyproxy.io/docs/envoy/latest/operations/admin#get--ready
import type { MeshModel } from "../../compiler/model";
import { HEALTH_PORT, READY_PATH } from "../sidecar-layout";
import { adminLoopback, listenerAddresses, socketAddress } from "./address";
import { routerFilter } from "./filters/router";
import { ADMIN_CLUSTER } from "./names";
import { ADMIN_PORT } from "./sidecar";
import { duration, extension } from "./typed-config";

const ADMIN_READY_PATH = "/ready";
const ADMIN_CONNECT_TIMEOUT_MS = 250;

export function healthListener(mesh: MeshModel): object {
  return {
    name: "sidecar_health",
    ...listenerAddresses(mesh, HEALTH_PORT),
    filter_chains: [
      {
        filters: [
          extension("envoy.filters.network.http_connection_manager", "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", {
            stat_prefix: "sidecar_health",
            codec_type: "AUTO",
            route_config: {
              name: "sidecar_health",
              virtual_hosts: [{ name: "sidecar_health", domains: ["*"], routes: [{ match: { path: READY_PATH }, route: { cluster: ADMIN_CLUSTER, prefix_rewrite: ADMIN_READY_PATH } }] }],
            },
            http_filters: [routerFilter()],
          }),
        ],
      },
    ],
  };
}

/** The admin interface on loopback, reached only through the health listener's one route. */
export function adminCluster(mesh: MeshModel): object {
  return {
    name: ADMIN_CLUSTER,
    type: "STATIC",
    connect_timeout: duration(ADMIN_CONNECT_TIMEOUT_MS),
    load_assignment: { cluster_name: ADMIN_CLUSTER, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(adminLoopback(mesh), ADMIN_PORT) } }] }] },
  };
}
