// Addresses by IP family. An IPv6-only mesh gets only IPv6 addresses: never an IPv4 wildcard, which on an
// IPv6-only pod either fails to bind or silently listens on nothing useful (the Istio 1.0 bug meshc exists for).
import type { Family, MeshModel } from "../../compiler/model";

const WILDCARD: Readonly<Record<Family, string>> = { ipv6: "::", ipv4: "0.0.0.0" };
const LOOPBACK: Readonly<Record<Family, string>> = { ipv6: "::1", ipv4: "127.0.0.1" };

export function socketAddress(address: string, port: number): object {
  return { socket_address: { address, port_value: port } };
}

/**
 * A listener's addresses: the wildcard of the mesh's first family, and for a dual-stack mesh the other family's
 * wildcard as an additional address (one listener, two sockets: how Envoy serves dual stack since 1.25;
 * https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/listener/v3/listener.proto#config-listener-v3-additionaladdress).
 */
export function listenerAddresses(mesh: MeshModel, port: number): { address: object; additional_addresses?: object[] } {
  const [first, ...rest] = mesh.families;
  const address = socketAddress(WILDCARD[first!], port);
  if (!rest.length) return { address };
  return { address, additional_addresses: rest.map((f) => ({ address: socketAddress(WILDCARD[f], port) })) };
}

/** Loopback for the admin interface: the mesh's first family (IPv6 first in a dual-stack mesh). */
export function adminLoopback(mesh: MeshModel): string {
  return LOOPBACK[mesh.families[0]!];
}

/**
 * Loopback where the sidecar reaches the app. IPv6-only pods have only ::1. In a dual-stack pod an app bound to
 * 0.0.0.0 is not reachable on ::1, while one bound to :: (dual socket) accepts 127.0.0.1 too: IPv4 loopback
 * reaches both kinds.
 */
export function appLoopback(mesh: MeshModel): string {
  return mesh.ipFamily === "ipv6" ? LOOPBACK.ipv6 : LOOPBACK.ipv4;
}

/** How a STRICT_DNS cluster resolves names: an IPv6-only mesh must never ask for A records. */
export function dnsLookupFamily(mesh: MeshModel): "V6_ONLY" | "V4_ONLY" | "ALL" {
  return mesh.ipFamily === "ipv6" ? "V6_ONLY" : mesh.ipFamily === "ipv4" ? "V4_ONLY" : "ALL";
}
