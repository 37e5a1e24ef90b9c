// A single-family mesh rejects the other IP family in the pod, inbound and outbound, except on loopback.
// Left open, that family would carry traffic around the sidecar: in an IPv6-only mesh, IPv4 to the app's
// ports skips mTLS and the access rules, and IPv4 from the app skips `registry-only` (Istio installs rules
// for both families in every pod for this reason).
//
// Rejected rather than captured: the sidecar of a single-family mesh listens, resolves and routes in the
// mesh's family only (targets/envoy/address.ts), so a captured connection of the other family would reach
// no listener, or one with no route; and a pod often has no address of that family besides loopback, where
// a rule that rejects costs nothing. Rejected rather than dropped: the sender learns at once (TCP reset, ICMP
// administratively prohibited), so a client trying both families moves on to the mesh's without a timeout.
// Loopback stays open: the app reaching itself is never mesh traffic, and `localhost` may resolve to the
// other family. Two kinds of packet pass so that a rejection reaches the sender at all: the resets and ICMP
// errors the kernel sends back (RELATED to the rejected flow), and IPv6 neighbour solicitations and
// advertisements (IPv6's ARP, which iptables never sees for IPv4): without them a client's SYN never even
// reaches the pod, and it waits for a timeout. Neither carries application data.
//
// When the pod cannot carry that family at all (IPv6 off or absent in the kernel), init.sh skips these rules;
// when it can but the image lacks the tool, init.sh refuses to start (init-runtime.ts).
import type { Family } from "../../compiler/model";
import type { CapturePlan } from "./capture-plan";
import type { IptablesRule, IptablesTable } from "./iptables-rules";
import type { NftChain } from "./nft-rules";

const REJECT_IN = "MESHC_REJECT_IN";
const REJECT_OUT = "MESHC_REJECT_OUT";
const PROHIBITED = { ipv4: "icmp-admin-prohibited", ipv6: "icmp6-adm-prohibited" } as const;
/** ICMPv6 neighbour solicitation (135) and advertisement (136), RFC 4861. */
const ND_TYPES = ["neighbour-solicitation", "neighbour-advertisement"] as const;

const rule = (chain: string, ...spec: string[]): IptablesRule => ({ chain, spec });

/** The families a plan rejects: those the mesh does not use. */
export function unusedFamilies(families: readonly Family[]): Family[] {
  return (["ipv6", "ipv4"] as const).filter((f) => !families.includes(f));
}

/** The filter table of a family the mesh does not use. */
export function rejectTables(family: Family): IptablesTable[] {
  const neighbours = (chain: string) =>
    family === "ipv6" ? ND_TYPES.map((type) => rule(chain, "-p", "ipv6-icmp", "--icmpv6-type", type, "-j", "RETURN")) : [];
  const reject = (chain: string) => [
    rule(chain, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset"),
    rule(chain, "-j", "REJECT", "--reject-with", PROHIBITED[family]),
  ];
  const rules = [
    rule(REJECT_IN, "-i", "lo", "-j", "RETURN"),
    ...neighbours(REJECT_IN),
    ...reject(REJECT_IN),
    rule(REJECT_OUT, "-o", "lo", "-j", "RETURN"),
    rule(REJECT_OUT, "-m", "conntrack", "--ctstate", "RELATED", "-j", "RETURN"),
    ...neighbours(REJECT_OUT),
    ...reject(REJECT_OUT),
    rule("INPUT", "-j", REJECT_IN),
    rule("OUTPUT", "-j", REJECT_OUT),
  ];
  return [{ name: "filter", chains: [REJECT_IN, REJECT_OUT], rules }];
}

/** The same rejection in the nft ruleset: filter-priority base chains, one rule set per unused family. */
export function rejectChains(plan: CapturePlan): NftChain[] {
  if (plan.rejected.length === 0) return [];
  const rules = (device: string, extra: string) =>
    plan.rejected.flatMap((f) => [
      ...(f === "ipv6" ? ["meta nfproto ipv6 icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } return"] : []),
      `meta nfproto ${f} ${device} != "lo" ${extra}meta l4proto tcp reject with tcp reset`,
      `meta nfproto ${f} ${device} != "lo" ${extra}reject with icmpx admin-prohibited`,
    ]);
  return [
    { name: "reject_input", hook: "type filter hook input priority filter; policy accept;", rules: rules("iifname", "") },
    { name: "reject_output", hook: "type filter hook output priority filter; policy accept;", rules: rules("oifname", "ct state != related ") },
  ];
}
