// The Envoy documents meshc writes, and the message each must be. A bootstrap is a Bootstrap. LDS and CDS
// files are read by Envoy's filesystem subscription, which parses them as a DiscoveryResponse whose
// `resources` are Anys of the file's resource type:
// https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/xds_api#filesystem-subscriptions
export type EnvoyDocumentKind = "bootstrap" | "lds" | "cds" | "rds" | "eds";

export interface EnvoyDocument {
  /** The message the whole document is. */
  readonly message: string;
  /** For xDS files: the message every entry of `resources` must hold. */
  readonly resource?: string;
}

const DISCOVERY_RESPONSE = "envoy.service.discovery.v3.DiscoveryResponse";

export const envoyDocuments: Readonly<Record<EnvoyDocumentKind, EnvoyDocument>> = {
  bootstrap: { message: "envoy.config.bootstrap.v3.Bootstrap" },
  lds: { message: DISCOVERY_RESPONSE, resource: "envoy.config.listener.v3.Listener" },
  cds: { message: DISCOVERY_RESPONSE, resource: "envoy.config.cluster.v3.Cluster" },
  rds: { message: DISCOVERY_RESPONSE, resource: "envoy.config.route.v3.RouteConfiguration" },
  eds: { message: DISCOVERY_RESPONSE, resource: "envoy.config.endpoint.v3.ClusterLoadAssignment" },
};
