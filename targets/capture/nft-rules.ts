// The same capture as iptables-rules.ts, as one native nftables ruleset: a single `inet` table holding both
// families, applied by `nft -f` in one transaction. The file first creates and deletes the table, so applying
// it again replaces the table instead of failing on "File exists" (nft(8), "add" vs "create").
// Base-chain priorities match iptables' raw (-300), mangle (-150), nat (-100) and filter (0) hooks.
import type { Family } from "../../compiler/model";
import type { CapturePlan } from "./capture-plan";
import { dnsZoneChains } from "./dns-zones";
import { rejectChains } from "./unused-family";
import {
  DNS_CAPTURE_PORT, DNS_PORT, INBOUND_CAPTURE_PORT, INBOUND_PASSTHROUGH_SOURCE, LOOPBACK, OUTBOUND_CAPTURE_PORT,
  PROXY_GID, PROXY_TO_SELF_MARK, PROXY_UID, TPROXY_MARK,
} from "./sidecar";

export const NFT_TABLE = "meshc";

export interface NftChain {
  readonly name: string;
  /** `type … hook … priority …; policy accept;` for base chains. */
  readonly hook?: string;
  readonly rules: readonly string[];
}

const ADDRESS = { ipv4: "ip", ipv6: "ip6" } as const;
const host = (cidr: string) => cidr.replace(/\/(32|128)$/, "");
const set = (items: readonly (string | number)[]) => (items.length === 1 ? String(items[0]) : `{ ${items.join(", ")} }`);
const owners = [["skuid", PROXY_UID], ["skgid", PROXY_GID]] as const;

/** A capture base chain only sees the mesh's families; the other family is rejected (unused-family.ts). */
function only(plan: CapturePlan): string {
  return plan.families.length === 1 ? `meta nfproto ${plan.families[0]} ` : "";
}

function inbound(plan: CapturePlan): string[] {
  if (plan.inbound.kind === "only") return plan.inbound.ports.length ? [`tcp dport ${set(plan.inbound.ports)} jump in_redirect`] : [];
  return [`tcp dport ${set(plan.inbound.ports)} return`, "jump in_redirect"];
}

function outbound(plan: CapturePlan): string[] {
  const notDns = plan.dns ? `tcp dport != ${DNS_PORT} ` : "";
  const perFamily = (make: (ip: string, family: Family) => string[]) => plan.families.flatMap((f) => make(ADDRESS[f], f));
  return [
    ...(plan.mode === "tproxy" ? [`meta mark ${TPROXY_MARK} return`] : []),
    ...(plan.excludeOutboundPorts.length ? [`tcp dport ${set(plan.excludeOutboundPorts)} return`] : []),
    ...perFamily((ip, f) => [`oifname "lo" ${ip} saddr ${host(INBOUND_PASSTHROUGH_SOURCE[f])} return`]),
    ...owners.flatMap(([key, id]) => [
      ...perFamily((ip, f) => [`oifname "lo" ${ip} daddr != ${host(LOOPBACK[f])} ${notDns}meta ${key} ${id} jump in_redirect`]),
      `oifname "lo" ${notDns}meta ${key} != ${id} return`,
      `meta ${key} ${id} return`,
    ]),
    ...(plan.dns ? [`tcp dport ${DNS_PORT} redirect to :${DNS_CAPTURE_PORT}`] : []),
    ...perFamily((ip, f) => {
      const { exclude, include } = plan.outbound[f];
      return [
        `${ip} daddr ${host(LOOPBACK[f])} return`,
        ...(exclude.length ? [`${ip} daddr ${set(exclude)} return`] : []),
        ...(include === null ? [] : include.length ? [`${ip} daddr ${set(include)} jump out_redirect`] : []),
      ];
    }),
    ...(plan.families.every((f) => plan.outbound[f].include === null) ? ["jump out_redirect"] : []),
  ];
}

function natChains(plan: CapturePlan): NftChain[] {
  const meta = only(plan);
  return [
    ...(plan.mode === "redirect"
      ? [{ name: "prerouting", hook: "type nat hook prerouting priority dstnat; policy accept;", rules: [`${meta}meta l4proto tcp jump inbound`] }]
      : []),
    {
      name: "output",
      hook: "type nat hook output priority -100; policy accept;",
      rules: [`${meta}meta l4proto tcp jump outbound`, ...(plan.dns ? [`${meta}udp dport ${DNS_PORT} jump dns`] : [])],
    },
    ...(plan.mode === "redirect" ? [{ name: "inbound", rules: inbound(plan) }] : []),
    { name: "in_redirect", rules: [`meta l4proto tcp redirect to :${INBOUND_CAPTURE_PORT}`] },
    { name: "outbound", rules: outbound(plan) },
    { name: "out_redirect", rules: [`meta l4proto tcp redirect to :${OUTBOUND_CAPTURE_PORT}`] },
    ...(plan.dns
      ? [{ name: "dns", rules: [...owners.map(([key, id]) => `meta ${key} ${id} return`), `meta l4proto udp redirect to :${DNS_CAPTURE_PORT}`] }]
      : []),
  ];
}

/** TPROXY mode, as mangleTable() in iptables-rules.ts. The output hook is `type route` so a mark change re-routes. */
function tproxyChains(plan: CapturePlan): NftChain[] {
  const meta = only(plan);
  const perFamily = (make: (ip: string, f: Family) => string) => plan.families.map((f) => make(ADDRESS[f], f));
  const tproxy = (ports: string) => [
    `${ports}ct state established,related jump divert`,
    ...perFamily((ip, f) => `${ports}${ip} daddr != ${host(LOOPBACK[f])} meta l4proto tcp tproxy ${ip} to :${INBOUND_CAPTURE_PORT} meta mark set ${TPROXY_MARK} accept`),
  ];
  const ports = plan.inbound.kind === "only"
    ? (plan.inbound.ports.length ? tproxy(`tcp dport ${set(plan.inbound.ports)} `) : [])
    : [`tcp dport ${set(plan.inbound.ports)} return`, ...tproxy("")];
  return [
    { name: "mangle_prerouting", hook: "type filter hook prerouting priority mangle; policy accept;", rules: [`${meta}meta l4proto tcp jump tproxy_inbound`] },
    { name: "mangle_output", hook: "type route hook output priority mangle; policy accept;", rules: [`${meta}meta l4proto tcp jump tproxy_output`] },
    {
      name: "tproxy_inbound",
      rules: [
        `meta mark ${TPROXY_MARK} ct mark set meta mark`,
        `meta mark ${TPROXY_MARK} return`,
        ...perFamily((ip, f) => `iifname "lo" ${ip} saddr ${host(INBOUND_PASSTHROUGH_SOURCE[f])} return`),
        `iifname "lo" meta mark != ${PROXY_TO_SELF_MARK} return`,
        ...ports,
      ],
    },
    { name: "divert", rules: [`meta mark set ${TPROXY_MARK} accept`] },
    {
      name: "tproxy_output",
      rules: [
        `oifname "lo" meta mark ${TPROXY_MARK} return`,
        ...owners.flatMap(([key, id]) => perFamily((ip, f) => `oifname "lo" ${ip} daddr != ${host(LOOPBACK[f])} meta ${key} ${id} meta mark set ${PROXY_TO_SELF_MARK}`)),
        `ct mark ${TPROXY_MARK} meta mark set ct mark`,
      ],
    },
  ];
}

function renderChain(chain: NftChain): string[] {
  return [`\tchain ${chain.name} {`, ...(chain.hook ? [`\t\t${chain.hook}`] : []), ...chain.rules.map((r) => `\t\t${r}`), "\t}"];
}

/** The whole `nft -f` file: idempotent (create-then-delete, then define) and atomic. */
export function nftRuleset(plan: CapturePlan, header: readonly string[]): string {
  const chains = [...dnsZoneChains(plan, only(plan)), ...(plan.mode === "tproxy" ? tproxyChains(plan) : []), ...natChains(plan), ...rejectChains(plan)];
  const lines = [
    ...header.map((h) => `# ${h}`),
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
    ...chains.flatMap((c, i) => [...(i ? [""] : []), ...renderChain(c)]),
    "}",
  ];
  return lines.join("\n") + "\n";
}
