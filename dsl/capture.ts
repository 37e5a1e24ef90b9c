/**
 * How the pod's traffic is captured into the sidecar (the init container's iptables/nftables rules).
 * @example { excludeOutboundCidrs: ["fd00:10::/64"], dns: true }
 */
export interface CaptureOptions {
  /** How inbound traffic is captured: "redirect" (NAT) or "tproxy" (keeps the client's source address). @default "redirect" */
  readonly mode?: "redirect" | "tproxy";
  /** Inbound ports captured; "*" captures every port. @default "*" */
  readonly includeInboundPorts?: "*" | readonly number[];
  /** Inbound ports never captured. @default [] */
  readonly excludeInboundPorts?: readonly number[];
  /** Outbound destination ports never captured. @default [] */
  readonly excludeOutboundPorts?: readonly number[];
  /** Outbound destinations (CIDRs, either family) never captured. @default [] */
  readonly excludeOutboundCidrs?: readonly string[];
  /** Only these outbound destinations are captured; "*" captures all. @default "*" */
  readonly includeOutboundCidrs?: "*" | readonly string[];
  /**
   * Capture DNS (UDP and TCP 53) into a DNS proxy on 15053. meshc's Envoy config does not answer DNS itself:
   * turn this on only when the pod runs a DNS proxy on 15053 (istio-agent's, or a CoreDNS sidecar), or every
   * lookup of the app fails. @default false
   */
  readonly dns?: boolean;
  /** Which init backend to use: detect iptables-legacy / iptables-nft on the node, or native nftables. @default "detect" */
  readonly backend?: "detect" | "nft";
}
