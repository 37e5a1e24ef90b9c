// Listener filters run before a filter chain is chosen.
import { extension } from "./typed-config";

/**
 * Restores the address the app dialled before iptables/nftables redirected the connection (SO_ORIGINAL_DST,
 * IP6T_SO_ORIGINAL_DST for IPv6), so filter chains can match on the real destination port and the
 * passthrough cluster can connect to it.
 */
export function originalDstFilter(): object {
  return extension("envoy.filters.listener.original_dst", "envoy.extensions.filters.listener.original_dst.v3.OriginalDst");
}

/** Reads the TLS ClientHello (SNI, ALPN) without terminating TLS, for chains that match on server names. */
export function tlsInspectorFilter(): object {
  return extension("envoy.filters.listener.tls_inspector", "envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector");
}
