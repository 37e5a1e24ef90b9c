// The HTTP connection manager: the network filter that turns a connection into HTTP requests, runs the HTTP
// filters in order and routes. File delivery inlines the route table (everything the sidecar needs is in its
// files); xDS delivery names it and Envoy fetches it over ADS (RDS), so a route change drains no listener.
import type { MeshModel } from "../../compiler/model";
import { accessLogs } from "./access-log";
import { routerFilter } from "./filters/router";
import { hcmTracing } from "./tracing";
import { extension } from "./typed-config";

export const HCM_TYPE = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";

/** A route table in the HCM itself, or the name of one served over ADS. */
export type RouteSource = { readonly inline: object } | { readonly rds: string };

export interface HcmSpec {
  readonly statPrefix: string;
  readonly routes: RouteSource;
  /** Filters before the router, in order. */
  readonly httpFilters: readonly object[];
}

/** Envoy's ADS stream as a config source: https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/config_source.proto */
export function adsSource(): object {
  return { ads: {}, resource_api_version: "V3" };
}

function routeSpecifier(routes: RouteSource): object {
  return "inline" in routes ? { route_config: routes.inline } : { rds: { config_source: adsSource(), route_config_name: routes.rds } };
}

/** The HCM's fields (gRPC's api_listener holds them as an Any; Envoy's filter chains as a named extension). */
export function hcmConfig(mesh: MeshModel, spec: HcmSpec): object {
  const logs = accessLogs(mesh.telemetry);
  const tracing = hcmTracing(mesh);
  return {
    stat_prefix: spec.statPrefix,
    codec_type: "AUTO",
    ...routeSpecifier(spec.routes),
    http_filters: [...spec.httpFilters, routerFilter()],
    ...(logs.length ? { access_log: logs } : {}),
    ...(tracing ? { tracing } : {}),
  };
}

export function httpConnectionManager(mesh: MeshModel, spec: HcmSpec): object {
  return extension("envoy.filters.network.http_connection_manager", HCM_TYPE, hcmConfig(mesh, spec));
}
