// The iptables/ip6tables rules of one family, as data: which chains meshc owns in which table, and their
// rules in order. The behaviour follows Istio's istio-iptables (tools/istio-iptables/pkg/capture), the mature
// tool this replaces: https://github.com/istio/istio/tree/master/tools/istio-iptables
// Only our own MESHC_* chains hold logic; the built-in chains get exactly one jump per hook, so --cleanup and
// re-runs can find and remove precisely what meshc added.
import type { Family } from "../../compiler/model";
import type { CapturePlan } from "./capture-plan";
import { dnsZoneTables } from "./dns-zones";
import { rejectTables } from "./unused-family";
import {
  DNS_CAPTURE_PORT, DNS_PORT, INBOUND_CAPTURE_PORT, INBOUND_PASSTHROUGH_SOURCE, LOOPBACK, OUTBOUND_CAPTURE_PORT,
  PROXY_GID, PROXY_TO_SELF_MARK, PROXY_UID, TPROXY_MARK,
} from "./sidecar";

export interface IptablesRule {
  readonly chain: string;
  /** The rule's arguments after `-A <chain>`: fixed words, numbers and canonical CIDRs only. */
  readonly spec: readonly string[];
}

export interface IptablesTable {
  readonly name: "raw" | "mangle" | "nat" | "filter";
  /** The chains meshc owns in this table, declared (created, or flushed when present) by the restore. */
  readonly chains: readonly string[];
  /** Rules of our chains, then the jumps from the built-in chains. */
  readonly rules: readonly IptablesRule[];
}

/** Every chain meshc owns starts with this; the init script recognises its own rules by it. */
export const CHAIN_PREFIX = "MESHC_";
const INBOUND = "MESHC_INBOUND";
const IN_REDIRECT = "MESHC_IN_REDIRECT";
const OUTPUT = "MESHC_OUTPUT";
const REDIRECT = "MESHC_REDIRECT";
const DNS = "MESHC_DNS";
const DIVERT = "MESHC_DIVERT";
const TPROXY = "MESHC_TPROXY";

const rule = (chain: string, ...spec: (string | number)[]): IptablesRule => ({ chain, spec: spec.map(String) });
const mark = (value: number) => `${value}/0xffffffff`;
const owners = [["--uid-owner", PROXY_UID], ["--gid-owner", PROXY_GID]] as const;

/** Redirect mode: inbound TCP to the pod goes to the proxy's inbound port (NAT, the client's address is kept). */
function natInbound(plan: CapturePlan): IptablesRule[] {
  if (plan.inbound.kind === "only") return plan.inbound.ports.map((p) => rule(INBOUND, "-p", "tcp", "--dport", p, "-j", IN_REDIRECT));
  return [...plan.inbound.ports.map((p) => rule(INBOUND, "-p", "tcp", "--dport", p, "-j", "RETURN")), rule(INBOUND, "-p", "tcp", "-j", IN_REDIRECT)];
}

/** Outbound TCP from the app goes to the proxy's outbound port; the proxy's own traffic never does. */
function natOutput(plan: CapturePlan, family: Family): IptablesRule[] {
  const loopback = LOOPBACK[family];
  // With DNS capture, TCP 53 to a resolver on loopback is captured too, so the loopback exemptions skip it.
  const notDns = plan.dns ? ["!", "--dport", String(DNS_PORT)] : [];
  const { exclude, include } = plan.outbound[family];
  return [
    // TPROXY mode: the proxy's transparent upstream connections carry the mark; they are never captured.
    ...(plan.mode === "tproxy" ? [rule(OUTPUT, "-m", "mark", "--mark", TPROXY_MARK, "-j", "RETURN")] : []),
    ...plan.excludeOutboundPorts.map((p) => rule(OUTPUT, "-p", "tcp", "--dport", p, "-j", "RETURN")),
    // The proxy's inbound passthrough connections to the app (source 127.0.0.6 / ::6) are the proxy's own.
    rule(OUTPUT, "-o", "lo", "-s", INBOUND_PASSTHROUGH_SOURCE[family], "-j", "RETURN"),
    ...owners.flatMap(([owner, id]) => [
      // The proxy calling the pod's own address (app → proxy → same pod) is inbound traffic for the pod.
      rule(OUTPUT, "-o", "lo", "!", "-d", loopback, "-p", "tcp", ...notDns, "-m", "owner", owner, id, "-j", IN_REDIRECT),
      // The app calling itself over loopback stays direct.
      rule(OUTPUT, "-o", "lo", "-p", "tcp", ...notDns, "-m", "owner", "!", owner, id, "-j", "RETURN"),
      // Everything else the proxy sends is never captured: no loops.
      rule(OUTPUT, "-m", "owner", owner, id, "-j", "RETURN"),
    ]),
    ...(plan.dns ? [rule(OUTPUT, "-p", "tcp", "--dport", DNS_PORT, "-j", "REDIRECT", "--to-ports", DNS_CAPTURE_PORT)] : []),
    rule(OUTPUT, "-d", loopback, "-j", "RETURN"),
    ...exclude.map((cidr) => rule(OUTPUT, "-d", cidr, "-j", "RETURN")),
    ...(include === null ? [rule(OUTPUT, "-j", REDIRECT)] : include.map((cidr) => rule(OUTPUT, "-d", cidr, "-j", REDIRECT))),
  ];
}

function natTable(plan: CapturePlan, family: Family): IptablesTable {
  const redirectInbound = plan.mode === "redirect";
  const chains = [...(redirectInbound ? [INBOUND] : []), IN_REDIRECT, OUTPUT, REDIRECT, ...(plan.dns ? [DNS] : [])];
  const rules = [
    ...(redirectInbound ? natInbound(plan) : []),
    rule(IN_REDIRECT, "-p", "tcp", "-j", "REDIRECT", "--to-ports", INBOUND_CAPTURE_PORT),
    ...natOutput(plan, family),
    rule(REDIRECT, "-p", "tcp", "-j", "REDIRECT", "--to-ports", OUTBOUND_CAPTURE_PORT),
    ...(plan.dns
      ? [
          ...owners.map(([owner, id]) => rule(DNS, "-m", "owner", owner, id, "-j", "RETURN")),
          rule(DNS, "-p", "udp", "-j", "REDIRECT", "--to-ports", DNS_CAPTURE_PORT),
        ]
      : []),
    ...(redirectInbound ? [rule("PREROUTING", "-p", "tcp", "-j", INBOUND)] : []),
    rule("OUTPUT", "-p", "tcp", "-j", OUTPUT),
    ...(plan.dns ? [rule("OUTPUT", "-p", "udp", "--dport", DNS_PORT, "-j", DNS)] : []),
  ];
  return { name: "nat", chains, rules };
}

/**
 * TPROXY mode: inbound TCP is diverted to the proxy without NAT, so the proxy sees the original destination
 * as its local address and can connect to the app from the client's address
 * (https://docs.kernel.org/networking/tproxy.html; Istio's ISTIO_DIVERT/ISTIO_TPROXY chains).
 */
function mangleTable(plan: CapturePlan, family: Family): IptablesTable {
  const loopback = LOOPBACK[family];
  const divertAndTproxy = (port: readonly string[]) => [
    rule(INBOUND, "-p", "tcp", ...port, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", DIVERT),
    rule(INBOUND, "-p", "tcp", ...port, "-j", TPROXY),
  ];
  const inbound = plan.inbound.kind === "only"
    ? plan.inbound.ports.flatMap((p) => divertAndTproxy(["--dport", String(p)]))
    : [...plan.inbound.ports.map((p) => rule(INBOUND, "-p", "tcp", "--dport", p, "-j", "RETURN")), ...divertAndTproxy([])];
  const rules = [
    // Packets of the proxy's transparent upstream connections: remember the mark on the connection, so
    // the app's replies (restored in OUTPUT below) are routed back to the proxy, and leave them alone.
    rule(INBOUND, "-p", "tcp", "-m", "mark", "--mark", TPROXY_MARK, "-j", "CONNMARK", "--save-mark"),
    rule(INBOUND, "-p", "tcp", "-m", "mark", "--mark", TPROXY_MARK, "-j", "RETURN"),
    rule(INBOUND, "-p", "tcp", "-s", INBOUND_PASSTHROUGH_SOURCE[family], "-i", "lo", "-j", "RETURN"),
    // Loopback traffic is the app's own, unless the proxy sent it to the pod's address (marked below).
    rule(INBOUND, "-p", "tcp", "-i", "lo", "-m", "mark", "!", "--mark", PROXY_TO_SELF_MARK, "-j", "RETURN"),
    ...inbound,
    rule(DIVERT, "-j", "MARK", "--set-xmark", mark(TPROXY_MARK)),
    rule(DIVERT, "-j", "ACCEPT"),
    rule(TPROXY, "!", "-d", loopback, "-p", "tcp", "-j", "TPROXY", "--on-port", INBOUND_CAPTURE_PORT, "--tproxy-mark", mark(TPROXY_MARK)),
    rule(OUTPUT, "-p", "tcp", "-o", "lo", "-m", "mark", "--mark", TPROXY_MARK, "-j", "RETURN"),
    ...owners.map(([owner, id]) => rule(OUTPUT, "!", "-d", loopback, "-p", "tcp", "-o", "lo", "-m", "owner", owner, id, "-j", "MARK", "--set-xmark", mark(PROXY_TO_SELF_MARK))),
    rule(OUTPUT, "-p", "tcp", "-m", "connmark", "--mark", TPROXY_MARK, "-j", "CONNMARK", "--restore-mark"),
    rule("PREROUTING", "-p", "tcp", "-j", INBOUND),
    rule("OUTPUT", "-p", "tcp", "-j", OUTPUT),
  ];
  return { name: "mangle", chains: [INBOUND, DIVERT, TPROXY, OUTPUT], rules };
}

/**
 * The tables of one family, in the order they are restored: the capture for a family the mesh uses, the
 * rejection (unused-family.ts) for one it does not.
 */
export function iptablesTables(plan: CapturePlan, family: Family): IptablesTable[] {
  if (plan.rejected.includes(family)) return rejectTables(family);
  return [...dnsZoneTables(plan), ...(plan.mode === "tproxy" ? [mangleTable(plan, family)] : []), natTable(plan, family)];
}
