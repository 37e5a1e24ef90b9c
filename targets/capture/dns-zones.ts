// DNS capture in conntrack zones. nat rules only see a flow's first packet: later packets follow the
// conntrack entry, which for UDP lives 30 s after the last packet (120 s once replied). When the app sends a
// query from the source port of a recent upstream query of the proxy, to the same resolver, the packet is
// that entry's flow again: it leaves the pod unredirected, around the proxy; and when the proxy queries
// upstream from an app's recent source port, its packet is redirected back to itself
// (istio/istio#33469). So the two kinds of flow live in separate zones, set in the raw hooks, before
// conntrack looks a packet up (istio/istio#33572):
//   zone DNS_UPSTREAM_ZONE: the proxy's queries to port 53, and every reply from port 53 entering the pod;
//   zone DNS_APP_ZONE: everyone else's queries to port 53 (the app's, redirected to the proxy), and the
//                      proxy's replies from its DNS port, which must meet those flows to be un-NATed.
// A raw-table CT target only sets the zone of a packet that has none (net/netfilter/xt_CT.c: "Previously seen?
// Ignore"), so the first matching rule wins, the proxy's before the catch-all; nft returns explicitly.
// This makes the DNS proxy's own uid or gid 1337 part of the contract: a DNS proxy running as another user
// would answer from zone 0, and the app would never see the reply. TCP needs no zones: two sockets never
// share a TCP 4-tuple, and conntrack starts a new flow (so nat sees it) when a SYN reuses a closed one.
// Known cost, as in Istio: a UDP peer that sends to the app *from* port 53 lands in the upstream zone, so
// the app's answer (to port 53, in the app zone) is taken for a query and goes to the proxy.
import type { CapturePlan } from "./capture-plan";
import type { IptablesRule, IptablesTable } from "./iptables-rules";
import type { NftChain } from "./nft-rules";
import { DNS_APP_ZONE, DNS_CAPTURE_PORT, DNS_PORT, DNS_UPSTREAM_ZONE, PROXY_GID, PROXY_UID } from "./sidecar";

const ZONE_PREROUTING = "MESHC_DNS_ZONE_IN";
const ZONE_OUTPUT = "MESHC_DNS_ZONE_OUT";

const rule = (chain: string, ...spec: (string | number)[]): IptablesRule => ({ chain, spec: spec.map(String) });
const owners = [["--uid-owner", PROXY_UID], ["--gid-owner", PROXY_GID]] as const;
const nftOwners = [["skuid", PROXY_UID], ["skgid", PROXY_GID]] as const;

/** The raw table of one family, or none without DNS capture. */
export function dnsZoneTables(plan: CapturePlan): IptablesTable[] {
  if (!plan.dns) return [];
  const rules = [
    rule(ZONE_PREROUTING, "-p", "udp", "--sport", DNS_PORT, "-j", "CT", "--zone", DNS_UPSTREAM_ZONE),
    ...owners.flatMap(([owner, id]) => [
      rule(ZONE_OUTPUT, "-p", "udp", "--dport", DNS_PORT, "-m", "owner", owner, id, "-j", "CT", "--zone", DNS_UPSTREAM_ZONE),
      rule(ZONE_OUTPUT, "-p", "udp", "--sport", DNS_CAPTURE_PORT, "-m", "owner", owner, id, "-j", "CT", "--zone", DNS_APP_ZONE),
    ]),
    rule(ZONE_OUTPUT, "-p", "udp", "--dport", DNS_PORT, "-j", "CT", "--zone", DNS_APP_ZONE),
    rule("PREROUTING", "-p", "udp", "-j", ZONE_PREROUTING),
    rule("OUTPUT", "-p", "udp", "-j", ZONE_OUTPUT),
  ];
  return [{ name: "raw", chains: [ZONE_PREROUTING, ZONE_OUTPUT], rules }];
}

/** The same zones as nft base chains at the raw priority (-300, before conntrack at -200). */
export function dnsZoneChains(plan: CapturePlan, meta: string): NftChain[] {
  if (!plan.dns) return [];
  const proxy = nftOwners.flatMap(([key, id]) => [
    `${meta}udp dport ${DNS_PORT} meta ${key} ${id} ct zone set ${DNS_UPSTREAM_ZONE} return`,
    `${meta}udp sport ${DNS_CAPTURE_PORT} meta ${key} ${id} ct zone set ${DNS_APP_ZONE} return`,
  ]);
  return [
    {
      name: "dns_zone_prerouting",
      hook: "type filter hook prerouting priority raw; policy accept;",
      rules: [`${meta}udp sport ${DNS_PORT} ct zone set ${DNS_UPSTREAM_ZONE}`],
    },
    {
      name: "dns_zone_output",
      hook: "type filter hook output priority raw; policy accept;",
      rules: [...proxy, `${meta}udp dport ${DNS_PORT} ct zone set ${DNS_APP_ZONE}`],
    },
  ];
}
