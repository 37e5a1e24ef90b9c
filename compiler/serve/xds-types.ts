// The four resource types meshc serves over ADS, in the order a push sends them: clusters before their
// endpoints, listeners before their routes, so a sidecar never points at something it has not got yet
// (https://www.envoyproxy.io/docs/envoy/latest/api-docs/xds_protocol#eventual-consistency-considerations).
const PREFIX = "type.googleapis.com/";

export const CLUSTER_TYPE = `${PREFIX}envoy.config.cluster.v3.Cluster`;
export const ENDPOINT_TYPE = `${PREFIX}envoy.config.endpoint.v3.ClusterLoadAssignment`;
export const LISTENER_TYPE = `${PREFIX}envoy.config.listener.v3.Listener`;
export const ROUTE_TYPE = `${PREFIX}envoy.config.route.v3.RouteConfiguration`;

export const PUSH_ORDER = [CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE, ROUTE_TYPE] as const;
export type TypeUrl = (typeof PUSH_ORDER)[number];

export function isTypeUrl(url: string): url is TypeUrl {
  return (PUSH_ORDER as readonly string[]).includes(url);
}

/** Listeners and clusters are subscribed as a whole (wildcard); routes and endpoints by name. */
export function isWildcardType(url: TypeUrl): boolean {
  return url === LISTENER_TYPE || url === CLUSTER_TYPE;
}

/** The short name logs use. */
export function shortType(url: string): string {
  return { [CLUSTER_TYPE]: "CDS", [ENDPOINT_TYPE]: "EDS", [LISTENER_TYPE]: "LDS", [ROUTE_TYPE]: "RDS" }[url] ?? url;
}

/** One resource ready to send: its name, a content version, and the encoded Any. */
export interface EncodedResource {
  readonly name: string;
  readonly version: string;
  readonly any: { readonly type_url: string; readonly value: Uint8Array };
  /** Its field in a DiscoveryResponse and in a DeltaDiscoveryResponse, as bytes (wire.ts). */
  readonly wire: { readonly sotw: Uint8Array; readonly delta: Uint8Array };
}
