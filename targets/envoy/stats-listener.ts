// Prometheus scrapes the sidecar on 15090, which serves /stats/prometheus and nothing else: the admin
// interface behind it stays on loopback, out of reach of anything in or outside the pod but Envoy itself.
import type { MeshModel } from "../../compiler/model";
import { adminLoopback, listenerAddresses, socketAddress } from "./address";
import { routerFilter } from "./filters/router";
import { PROMETHEUS_STATS_CLUSTER } from "./names";
import { ADMIN_PORT, PROMETHEUS_PORT } from "./sidecar";
import { duration, extension } from "./typed-config";

const STATS_PATH = "/stats/prometheus";
const ADMIN_CONNECT_TIMEOUT_MS = 250;

export function prometheusListener(mesh: MeshModel): object {
  return {
    name: "prometheus_stats",
    ...listenerAddresses(mesh, PROMETHEUS_PORT),
    filter_chains: [
      {
        filters: [
          extension("envoy.filters.network.http_connection_manager", "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", {
            stat_prefix: "prometheus_stats",
            codec_type: "AUTO",
            route_config: {
              name: "prometheus_stats",
              virtual_hosts: [{ name: "prometheus_stats", domains: ["*"], routes: [{ match: { path: STATS_PATH }, route: { cluster: PROMETHEUS_STATS_CLUSTER } }] }],
            },
            http_filters: [routerFilter()],
          }),
        ],
      },
    ],
  };
}

export function prometheusCluster(mesh: MeshModel): object {
  return {
    name: PROMETHEUS_STATS_CLUSTER,
    type: "STATIC",
    connect_timeout: duration(ADMIN_CONNECT_TIMEOUT_MS),
    load_assignment: { cluster_name: PROMETHEUS_STATS_CLUSTER, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(adminLoopback(mesh), ADMIN_PORT) } }] }] },
  };
}
