// The names meshc gives Envoy objects, in one place: stats, admin output and access logs show them, and the
// tests find clusters and routes by them. Istio's `outbound|port|subset|host` shape, familiar to operators.
import type { ServiceModel } from "../../compiler/model";

export function outboundClusterName(service: ServiceModel, version: string, port: number): string {
  return `outbound|${port}|${version}|${service.host}`;
}

export function externalClusterName(host: string, port: number): string {
  return `outbound|${port}||${host}`;
}

export function inboundClusterName(port: number): string {
  return `inbound|${port}`;
}

export function outboundRouteTableName(port: number): string {
  return `outbound|${port}`;
}

export function virtualHostName(host: string, port: number): string {
  return `${host}:${port}`;
}

export const PASSTHROUGH_CLUSTER = "PassthroughCluster";
export const BLACKHOLE_CLUSTER = "BlackHoleCluster";
export const PROMETHEUS_STATS_CLUSTER = "prometheus_stats";
export const TRACING_CLUSTER = "tracing_collector";
/** The bootstrap-xds cluster of the zone's `meshc serve`. */
export const XDS_CLUSTER = "meshc_xds";
