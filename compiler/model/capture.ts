/** Traffic capture for a pod, resolved: mesh defaults merged with the service's own options. */
export interface CaptureModel {
  readonly mode: "redirect" | "tproxy";
  readonly backend: "detect" | "nft";
  /** null = every port. Sorted. */
  readonly includeInboundPorts: readonly number[] | null;
  /** Sorted, de-duplicated; holds the author's ports only (reserved sidecar ports are the target's business). */
  readonly excludeInboundPorts: readonly number[];
  readonly excludeOutboundPorts: readonly number[];
  /** Canonical CIDR strings, sorted, split by family. */
  readonly excludeOutboundCidrs: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };
  /** null = every destination. */
  readonly includeOutboundCidrs: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] } | null;
  readonly dns: boolean;
}
