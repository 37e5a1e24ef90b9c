// The sidecar's fixed conventions (DESIGN.md "Conventions"): the ports it listens on, the identity its own
// traffic carries, and the packet marks and routing table of TPROXY mode. Every rule reads them from here.

/** Outbound TCP is redirected here (Envoy's virtual outbound listener). */
export const OUTBOUND_CAPTURE_PORT = 15001;
/** Inbound TCP is redirected (or TPROXY-diverted) here (Envoy's virtual inbound listener). */
export const INBOUND_CAPTURE_PORT = 15006;
/** DNS (UDP and TCP 53) is redirected here when the mesh captures DNS. */
export const DNS_CAPTURE_PORT = 15053;
/** The port DNS clients send to. */
export const DNS_PORT = 53;

/**
 * Ports the sidecar itself serves: admin, outbound and inbound capture, health and merged metrics, DNS,
 * Prometheus. Inbound traffic to them is never captured (it is for the sidecar, not the app), which is also
 * what keeps a redirect from looping into its own listener.
 */
export const RESERVED_PORTS: readonly number[] = [15000, 15001, 15006, 15020, 15021, 15053, 15090];

/**
 * DNS capture keeps two UDP flows apart in conntrack (istio/istio#33572): the proxy's queries to the resolvers
 * and their replies in one zone, the app's queries to the proxy and its replies in the other. A flow in one
 * zone is never matched by a packet of the other, however the 4-tuples collide.
 */
export const DNS_UPSTREAM_ZONE = 1;
export const DNS_APP_ZONE = 2;

/** The proxy runs as this uid and gid; its own connections are never captured (no redirect loops). */
export const PROXY_UID = 1337;
export const PROXY_GID = 1337;

/**
 * The source address the proxy uses when it connects to the app for inbound traffic (Istio's
 * InboundPassthroughBindIpv4/6): traffic from it over loopback is the proxy's, never captured again.
 */
export const INBOUND_PASSTHROUGH_SOURCE = { ipv4: "127.0.0.6/32", ipv6: "::6/128" } as const;

/** The loopback address of each family: traffic to it stays with the app. */
export const LOOPBACK = { ipv4: "127.0.0.1/32", ipv6: "::1/128" } as const;

/**
 * TPROXY mode: packets diverted to the proxy carry this mark, and a policy route sends marked packets to
 * the local stack (https://docs.kernel.org/networking/tproxy.html). The same mark, restored from conntrack,
 * brings the app's replies to the proxy's transparent upstream connections back to the proxy.
 */
export const TPROXY_MARK = 1337;
/** TPROXY mode: the proxy's own connections to the pod's address over loopback, so they are diverted inbound. */
export const PROXY_TO_SELF_MARK = 1338;
/** TPROXY mode: the routing table holding `local default dev lo`, looked up for TPROXY_MARK. */
export const TPROXY_ROUTE_TABLE = 133;
