// Reading back what the kernel holds, per backend, for the kernel tests' comparisons.
import { normalizeRuleset, type PodNetwork } from "./pod-network";

export type Backend = "iptables-legacy" | "iptables-nft" | "nft";
export const BACKENDS: readonly Backend[] = ["iptables-legacy", "iptables-nft", "nft"];

const DUMP: Record<Backend, string[][]> = {
  "iptables-legacy": [["iptables-legacy-save"], ["ip6tables-legacy-save"]],
  "iptables-nft": [["iptables-nft-save"], ["ip6tables-nft-save"]],
  nft: [["nft", "list", "ruleset"]],
};

/** The normalized ruleset a backend shows in the pod (iptables: IPv4 then IPv6). */
export function ruleset(net: PodNetwork, backend: Backend): string {
  return DUMP[backend].map((argv) => normalizeRuleset(net.exec(net.pod, argv).stdout)).join("\n---\n");
}

/** Every backend's ruleset, for "nothing changed anywhere" comparisons. */
export function everything(net: PodNetwork): string {
  return BACKENDS.map((b) => `== ${b}\n${ruleset(net, b)}`).join("\n");
}

/** The rules (not tables, base chains or policies) in a dump: `-A …` lines and nft statements. */
export function rulesIn(dump: string): string[] {
  const structural = /^(table |chain |type |\}|---|== |\*|COMMIT|:(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) ACCEPT)/;
  return dump
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !structural.test(l));
}

/**
 * Every backend's rules, in a form where only meaning counts: iptables-save's order for the iptables backends
 * (empty tables dropped), and nft's rules sorted (nft lists chains in creation order, which a rollback may change).
 */
export function canonical(net: PodNetwork): string {
  const nft = rulesIn(ruleset(net, "nft")).sort();
  return [...rulesIn(ruleset(net, "iptables-legacy")), "===", ...rulesIn(ruleset(net, "iptables-nft")), "===", ...nft].join("\n");
}
