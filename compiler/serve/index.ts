// `meshc serve`: the xDS delivery of a zone's sidecar configs (serve.ts says how).
export { serveXds } from "./serve";
export type { PushEvent, ServeOptions, ServeStart, XdsServe } from "./serve";
export type { ServerTls } from "./ads-server";
export { adsServiceDefinition } from "./ads-codec";
export { dnsEndpoints, fileEndpoints, staticEndpoints } from "./endpoints";
export type { EndpointResolver } from "./endpoints";
export { CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE, ROUTE_TYPE } from "./xds-types";
