// How long the capture rules take to apply in a pod's network namespace: one restore transaction per family
// (what meshc's init.sh does) against one iptables/ip6tables command per rule (how istio-init applied them),
// with 0 and 200 exclusions (ports and CIDRs), on the iptables-nft and iptables-legacy backends, and native
// `nft -f` (one transaction for both families). Needs root and `ip netns`; otherwise it says why and skips.
//   node --import tsx bench/capture-apply.ts [--repeat 5]       prints one JSON line
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../compiler/api";

const { values } = parseArgs({ options: { repeat: { type: "string", default: "5" } } });
const REPEAT = Math.max(1, Number(values.repeat));
const TOOLS = ["ip", "iptables-nft", "ip6tables-nft", "iptables-legacy", "ip6tables-legacy", "iptables-nft-restore", "iptables-legacy-restore", "nft", "sh"];

function skipReason(): string | null {
  if (process.platform !== "linux") return "needs Linux network namespaces";
  if (process.getuid?.() !== 0) return "needs root (CAP_NET_ADMIN) to create a network namespace";
  const missing = TOOLS.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
  return missing.length ? `needs ${missing.join(", ")}` : null;
}

/** A one-service dual-stack policy with `exclusions` excluded ports and CIDRs per family. */
function policy(exclusions: number): string {
  const ports = exclusions / 2; // half ports (inbound and outbound), half CIDRs of each family
  const inbound = Array.from({ length: ports / 2 }, (_, i) => 20000 + i);
  const outbound = Array.from({ length: ports / 2 }, (_, i) => 30000 + i);
  const cidrs = Array.from({ length: exclusions - ports }, (_, i) => [`10.${100 + Math.floor(i / 250)}.${i % 250}.0/24`, `2001:db8:${i.toString(16)}::/48`]).flat();
  return [
    'import { defineMesh, service } from "meshc";',
    'const app = service("app", { namespace: "bench", ports: { http: 8080 } });',
    "export default defineMesh({",
    '  name: "capture-bench", ipFamily: "dual", zones: ["z1"], services: [app],',
    `  capture: { excludeInboundPorts: ${JSON.stringify(inbound)}, excludeOutboundPorts: ${JSON.stringify(outbound)}, excludeOutboundCidrs: ${JSON.stringify(cidrs)} },`,
    "});",
    "",
  ].join("\n");
}

async function rulesFor(exclusions: number): Promise<Record<"v4" | "v6" | "nft", string>> {
  const dir = mkdtempSync(join(tmpdir(), "meshc-capture-bench-"));
  try {
    writeFileSync(join(dir, "mesh.ts"), policy(exclusions));
    const r = await build({ entry: join(dir, "mesh.ts"), checker: "none", validate: false });
    const file = (name: string) => r.artifacts?.find((a) => a.path === `capture/app/${name}`)?.content;
    const v4 = file("rules.v4");
    const v6 = file("rules.v6");
    const nft = file("rules.nft");
    if (!v4 || !v6 || !nft) throw new Error(`the capture policy did not build: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    return { v4, v6, nft };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A restore file as the iptables commands that add the same chains and rules one at a time. */
function perRuleCommands(restore: string, binary: string): string[] {
  let table = "filter";
  const out: string[] = [];
  for (const line of restore.split("\n")) {
    if (line.startsWith("*")) table = line.slice(1);
    else if (line.startsWith(":") && line.startsWith(":MESHC")) out.push(`${binary} -w -t ${table} -N ${line.slice(1).split(" ")[0]}`);
    else if (line.startsWith("-A ")) out.push(`${binary} -w -t ${table} ${line}`);
  }
  return out;
}

const ns = `meshc-bench-${process.pid}`;
const inNs = (script: string, input?: string) => spawnSync("ip", ["netns", "exec", ns, "sh", "-c", script], { input, encoding: "utf8" });

/** Median wall time of `script` in a fresh namespace, with `check` run after to prove the rules are there. */
function time(script: string, input: string | undefined, check: string): { ms: number; rulesAfter: number } {
  const samples: number[] = [];
  let rulesAfter = 0;
  for (let i = 0; i < REPEAT; i++) {
    spawnSync("ip", ["netns", "del", ns]);
    const add = spawnSync("ip", ["netns", "add", ns], { encoding: "utf8" });
    if (add.status !== 0) throw new Error(`ip netns add: ${add.stderr}`);
    const t = performance.now();
    const r = inNs(script, input);
    samples.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${script.slice(0, 80)}: ${r.stderr}`);
    rulesAfter = inNs(check).stdout.split("\n").filter((l) => /^-A MESHC|^\s+(ip6? |tcp |udp |meta |oifname |iifname |fib |jump |return|redirect|tproxy|ct |socket )/.test(l)).length;
  }
  spawnSync("ip", ["netns", "del", ns]);
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, rulesAfter };
}

async function main(): Promise<object> {
  const reason = skipReason();
  if (reason) return { skipped: reason };
  const rows: object[] = [];
  for (const exclusions of [0, 200]) {
    const rules = await rulesFor(exclusions);
    for (const backend of ["nft", "legacy"] as const) {
      for (const family of ["v4", "v6"] as const) {
        const bin = `${family === "v4" ? "iptables" : "ip6tables"}-${backend}`;
        const commands = perRuleCommands(rules[family], bin);
        const save = `${bin}-save`;
        const restore = time(`${bin}-restore --noflush`, rules[family], save);
        const perRule = time(commands.join(" && "), undefined, save);
        rows.push({ exclusions, backend: `iptables-${backend}`, family, commands: commands.length, restoreMs: restore.ms, perRuleMs: perRule.ms, ratio: perRule.ms / restore.ms, rulesAfter: [restore.rulesAfter, perRule.rulesAfter] });
      }
    }
    const nft = time("nft -f -", rules.nft, "nft list ruleset");
    rows.push({ exclusions, backend: "nft", family: "both", commands: 1, restoreMs: nft.ms, rulesAfter: [nft.rulesAfter] });
  }
  const version = spawnSync("iptables", ["--version"], { encoding: "utf8" }).stdout.trim();
  return { repeat: REPEAT, iptables: version, rows };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e) => {
    spawnSync("ip", ["netns", "del", ns]);
    process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n");
    process.exitCode = 1;
  },
);
