// The iptables-restore / ip6tables-restore text format (iptables-restore(8)). A table's section is split in
// two so the init script can insert, between the chain declarations and the rules, the lines that remove an
// earlier run's jumps: the whole section then stays one transaction.
import type { IptablesTable } from "./iptables-rules";

/** `*table` and the `:CHAIN - [0:0]` declarations (with --noflush a declared chain is created or flushed). */
export function tableHead(table: IptablesTable): string[] {
  return [`*${table.name}`, ...table.chains.map((c) => `:${c} - [0:0]`)];
}

/** The `-A` lines of the section, our chains first and the jumps from the built-in chains last. */
export function tableRules(table: IptablesTable): string[] {
  return table.rules.map((r) => [`-A`, r.chain, ...r.spec].join(" "));
}

/** A whole restore file for `iptables-restore --noflush`: every table of one family. */
export function restoreFile(header: readonly string[], tables: readonly IptablesTable[]): string {
  const lines = [...header.map((h) => `# ${h}`), ...tables.flatMap((t) => [...tableHead(t), ...tableRules(t), "COMMIT"])];
  return lines.join("\n") + "\n";
}
