// Plain TCP: forwarded to one cluster or split by weight; nothing above layer 4 can be matched.
import type { MeshModel } from "../../compiler/model";
import { accessLogs } from "./access-log";
import { extension } from "./typed-config";

export function tcpProxy(mesh: MeshModel, statPrefix: string, clusters: readonly { name: string; weight: number }[]): object {
  const logs = accessLogs(mesh.telemetry);
  const target = clusters.length === 1 ? { cluster: clusters[0]!.name } : { weighted_clusters: { clusters } };
  return extension("envoy.filters.network.tcp_proxy", "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", {
    stat_prefix: statPrefix,
    ...target,
    ...(logs.length ? { access_log: logs } : {}),
  });
}
