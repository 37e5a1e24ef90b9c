// The HTTP connection manager: the network filter that turns a connection into HTTP requests, runs the HTTP
// filters in order and routes with an inline route table (no RDS: everything the sidecar needs is in its files).
import type { MeshModel } from "../../compiler/model";
import { accessLogs } from "./access-log";
import { routerFilter } from "./filters/router";
import { hcmTracing } from "./tracing";
import { extension } from "./typed-config";

const HCM = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";

export interface HcmSpec {
  readonly statPrefix: string;
  readonly routeConfig: object;
  /** Filters before the router, in order. */
  readonly httpFilters: readonly object[];
}

export function httpConnectionManager(mesh: MeshModel, spec: HcmSpec): object {
  const logs = accessLogs(mesh.telemetry);
  const tracing = hcmTracing(mesh);
  return extension("envoy.filters.network.http_connection_manager", HCM, {
    stat_prefix: spec.statPrefix,
    codec_type: "AUTO",
    route_config: spec.routeConfig,
    http_filters: [...spec.httpFilters, routerFilter()],
    ...(logs.length ? { access_log: logs } : {}),
    ...(tracing ? { tracing } : {}),
  });
}
