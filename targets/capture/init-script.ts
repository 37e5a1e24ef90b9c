// init.sh: the init container's script for one service's pods (every version runs the same). The rules are embedded as quoted here-documents
// (nothing in them is expanded by the shell); then it sources the fixed runtime, `../runtime.sh` from its own
// folder (runtime-file.ts), which is one file for the whole mesh.
import type { Family } from "../../compiler/model";
import type { CapturePlan } from "./capture-plan";
import type { IptablesTable } from "./iptables-rules";
import { tableHead, tableRules } from "./restore-format";
import { CAPTURE_RUNTIME } from "../sidecar-layout";
import { RUNTIME_ID } from "./runtime-file";
import { quotedHereDoc, shellQuote } from "./shell-quote";

export interface InitScriptInput {
  readonly plan: CapturePlan;
  readonly tables: Readonly<Partial<Record<Family, readonly IptablesTable[]>>>;
  readonly nft: string;
}

const BACKEND = { detect: "detect", nft: "native" } as const;

function fn(name: string, body: string): string {
  return `${name}() {\n${body}\n}`;
}

/** meshc_payload_<family> SAVE BACKEND: the restore text of one family, after removing an earlier run's state. */
function familyFunctions(family: Family, tables: readonly IptablesTable[]): string[] {
  const perTable = tables.flatMap((t) => [
    fn(`meshc_head_${family}_${t.name}`, quotedHereDoc("  cat", tableHead(t).join("\n"))),
    fn(`meshc_rules_${family}_${t.name}`, quotedHereDoc("  cat", tableRules(t).join("\n"))),
  ]);
  const payload = fn(
    `meshc_payload_${family}`,
    tables
      .map((t) => [
        `  meshc_head_${family}_${t.name}`,
        `  meshc_removals "$1" ${family} "$2" ${t.name} ${shellQuote(t.chains.join(" "))}`,
        `  meshc_rules_${family}_${t.name}`,
        `  echo COMMIT`,
      ].join("\n"))
      .join("\n"),
  );
  return [...perTable, payload];
}

/**
 * The runtime sits in the folder above the script's own (`capture/runtime.sh` beside `capture/<service>/`, in the
 * output and in the pod alike), found from $0: the init container runs `sh <CAPTURE_DIR>/<service>/init.sh`.
 * `.` runs it in this shell, so it sees the functions above and the script's arguments.
 */
const SOURCE_RUNTIME = [
  `MESHC_RUNTIME_WANT=${shellQuote(RUNTIME_ID)}`,
  `case "$0" in */*) meshc_here=\${0%/*} ;; *) meshc_here=. ;; esac`,
  `if [ ! -r "$meshc_here/../${CAPTURE_RUNTIME}" ]; then`,
  `  printf 'meshc-capture(%s): error: %s is missing: it is the capture runtime this script runs\\n' "$MESHC_SERVICE" "$meshc_here/../${CAPTURE_RUNTIME}" >&2`,
  "  exit 1",
  "fi",
  `. "$meshc_here/../${CAPTURE_RUNTIME}"`,
].join("\n");

export function initScript(input: InitScriptInput): string {
  const { plan } = input;
  const tableNames = (family: Family) => (input.tables[family] ?? []).map((t) => t.name).join(" ");
  const settings = [
    `MESHC_SERVICE=${shellQuote(plan.service)}`,
    `MESHC_FAMILIES=${shellQuote(plan.families.join(" "))}`,
    `MESHC_REJECTED=${shellQuote(plan.rejected.join(" "))}`,
    `MESHC_MODE=${shellQuote(plan.mode)}`,
    `MESHC_POLICY_BACKEND=${shellQuote(BACKEND[plan.backend])}`,
    `MESHC_TABLES_IPV4=${shellQuote(tableNames("ipv4"))}`,
    `MESHC_TABLES_IPV6=${shellQuote(tableNames("ipv6"))}`,
  ];
  const parts = [
    "#!/bin/sh",
    `# meshc traffic capture for service ${plan.service}: generated from the mesh policy, do not edit.`,
    "# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.",
    "set -eu",
    settings.join("\n"),
    ...[...plan.families, ...plan.rejected].flatMap((f) => familyFunctions(f, input.tables[f] ?? [])),
    fn("meshc_nft_ruleset", quotedHereDoc("  cat", input.nft)),
    SOURCE_RUNTIME,
  ];
  return parts.join("\n\n") + "\n";
}
