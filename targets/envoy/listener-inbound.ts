// The inbound capture listener. Connections to the app's ports are redirected to 15006; after original_dst
// restores the port, a chain per service port terminates mTLS, applies the service's access rules (RBAC) and
// rate limit, and hands the request to the app on loopback. The probe port, if separate, is passed through in
// plain text (the kubelet has no mesh identity). Connections to any other port are closed.
import type { MeshModel, PortModel, ServiceModel, Workload } from "../../compiler/model";
import { listenerAddresses } from "./address";
import { localRateLimitFilter } from "./filters/local-ratelimit";
import { httpRbacFilter, networkRbacFilter } from "./filters/rbac";
import { httpConnectionManager } from "./http-connection-manager";
import { originalDstFilter, tlsInspectorFilter } from "./listener-filters";
import { inboundClusterName } from "./names";
import { isHttp } from "./protocol-options";
import { INBOUND_CAPTURE_PORT } from "./sidecar";
import { tcpProxy } from "./tcp-proxy";
import { downstreamTls } from "./tls";

const LISTENER_NAME = "inbound";
const HTTP_ALPN = ["h2", "http/1.1"];
const NO_ALPN: readonly string[] = [];
/** The caller's sidecar enforces the route timeout; the callee's side adds none of its own. */
const NO_TIMEOUT = "0s";

function inboundRouteTable(port: number): object {
  const cluster = inboundClusterName(port);
  return { name: cluster, virtual_hosts: [{ name: cluster, domains: ["*"], routes: [{ name: "inbound", match: { prefix: "/" }, route: { cluster, timeout: NO_TIMEOUT } }] }] };
}

function portFilters(mesh: MeshModel, service: ServiceModel, port: PortModel): object[] {
  const statPrefix = `inbound_${port.port}`;
  if (isHttp(port.protocol)) {
    const rbac = httpRbacFilter(mesh, service);
    const httpFilters = [...(rbac ? [rbac] : []), ...(service.rateLimit ? [localRateLimitFilter(service.rateLimit)] : [])];
    return [httpConnectionManager(mesh, { statPrefix, routes: { inline: inboundRouteTable(port.port) }, httpFilters })];
  }
  const rbac = networkRbacFilter(mesh, service, statPrefix);
  return [...(rbac ? [rbac] : []), tcpProxy(mesh, statPrefix, [{ name: inboundClusterName(port.port), weight: 100 }])];
}

/** strict: TLS only; permissive: a TLS chain and a plain-text chain, told apart by tls_inspector; disable: plain text. */
function portChains(mesh: MeshModel, service: ServiceModel, port: PortModel): object[] {
  const filters = portFilters(mesh, service, port);
  const alpn = isHttp(port.protocol) ? HTTP_ALPN : NO_ALPN;
  const name = inboundClusterName(port.port);
  switch (service.access.mtls) {
    case "strict":
      return [{ name, filter_chain_match: { destination_port: port.port }, filters, ...downstreamTls(alpn) }];
    case "permissive":
      return [
        { name: `${name}|tls`, filter_chain_match: { destination_port: port.port, transport_protocol: "tls" }, filters, ...downstreamTls(alpn) },
        { name: `${name}|plaintext`, filter_chain_match: { destination_port: port.port, transport_protocol: "raw_buffer" }, filters },
      ];
    case "disable":
      return [{ name, filter_chain_match: { destination_port: port.port }, filters }];
  }
}

/** The probe port when it is not one of the service's ports (if it is, capture excludes it anyway). */
export function separateProbePort(service: ServiceModel): number | undefined {
  const probe = service.probes?.port;
  return probe !== undefined && !service.ports.some((p) => p.port === probe) ? probe : undefined;
}

export function inboundListener(mesh: MeshModel, workload: Workload): object {
  const service = workload.service;
  const probe = separateProbePort(service);
  const chains = [
    ...service.ports.flatMap((port) => portChains(mesh, service, port)),
    ...(probe !== undefined
      ? [{ name: inboundClusterName(probe), filter_chain_match: { destination_port: probe }, filters: [tcpProxy(mesh, `inbound_${probe}`, [{ name: inboundClusterName(probe), weight: 100 }])] }]
      : []),
  ];
  return {
    name: LISTENER_NAME,
    ...listenerAddresses(mesh, INBOUND_CAPTURE_PORT),
    traffic_direction: "INBOUND",
    listener_filters: [originalDstFilter(), ...(service.access.mtls === "permissive" ? [tlsInspectorFilter()] : [])],
    filter_chains: chains,
  };
}
