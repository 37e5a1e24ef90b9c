// The benchmark's markdown report (bench/results/latest.md), from the JSON run.ts writes.
import { pulumiMarkdown } from "./pulumi-report";
export interface Results {
  readonly machine: Readonly<Record<string, unknown>>;
  readonly cli?: readonly any[];
  readonly cdk8s?: readonly any[];
  readonly sizes: readonly any[];
  readonly validate: readonly any[];
  readonly watch: any | null;
  readonly captureApply: any | null;
  readonly istio?: any | null;
  readonly pulumi?: readonly any[];
  readonly serve?: any | null;
}

const PHASES = ["load", "typecheck", "normalize", "checks", "findings", "target:capture", "target:envoy", "target:kubernetes", "target:istio", "istio-references", "write"] as const;
const ms = (v: number | undefined) => (v === undefined ? "–" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const mib = (bytes: number | undefined) => (bytes === undefined ? "–" : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
const kib = (bytes: number | undefined) => (bytes === undefined ? "–" : `${(bytes / 1024).toFixed(1)} KiB`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? "–" : `${(a / b).toFixed(1)}×`);

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)];
}

export function markdown(r: Results): string {
  const ok = r.sizes.filter((s) => !s.error);
  const bySize = new Map(ok.map((s) => [s.size, s]));
  const val = new Map(r.validate.filter((v) => !v.error).map((v) => [v.size, v]));
  const pairs: [number, number][] = [[1000, 100], [10000, 1000]].filter(([a, b]) => bySize.has(a) && bySize.has(b)) as [number, number][];
  const lines: string[] = ["# meshc benchmark: latest run", "", `Machine: ${Object.entries(r.machine).map(([k, v]) => `${k} ${v}`).join(", ")}.`, ""];
  const cli = (r.cli ?? []).filter((c) => !c.error);
  if (cli.length) {
    lines.push("## `meshc build`, end to end (a child process, all defaults: tsc7 type check, checks, every target, Envoy validation, write)", "");
    const peers = new Map((r.cdk8s ?? []).filter((c) => !c.error).map((c) => [c.size, c]));
    const peer = (c: any, f: (p: any) => string) => (peers.has(c.size) ? f(peers.get(c.size)) : "–");
    const warm = (c: any, f: (w: any) => string) => (c.warm && !c.warm.error ? f(c.warm) : "–");
    const cliRows = [
      ["wall", ...cli.map((c) => `**${ms(c.wallMs)}**`)],
      ["CPU (user + system, node and tsc7)", ...cli.map((c) => ms(c.cpuMs))],
      ["peak RSS (largest process)", ...cli.map((c) => `${Math.round(c.peakRssMb)} MiB`)],
      ["Node heap limit; compile budget", ...cli.map((c) => `${c.heapMb ? `${c.heapMb} MiB (the default failed)` : "default"}; ${c.compileTimeoutMs ? `${c.compileTimeoutMs} ms (the default failed)` : "default"}`)],
      ["files / bytes written (per path)", ...cli.map((c) => `${c.files} / ${mib(c.outputBytes)}`)],
      ["distinct files (inodes) / bytes on disk, hard links once", ...cli.map((c) => (c.inodes === undefined ? "–" : `${c.inodes} / ${mib(c.inodeBytes)}`))],
      ["warm rebuild (cache filled, output replaced): wall / CPU / peak RSS", ...cli.map((c) => warm(c, (w) => `${ms(w.wallMs)} / ${ms(w.cpuMs)} / ${Math.round(w.peakRssMb)} MiB`))],
      ["warm rebuild's output byte-identical", ...cli.map((c) => warm(c, (w) => (w.identical ? "yes" : "**no**")))],
      ["load average (1 min) at start / end", ...cli.map((c) => `${c.loadAtStart.toFixed(1)} / ${c.loadAtEnd.toFixed(1)}`)],
      ["cdk8s peer: wall / CPU / peak RSS (its own process)", ...cli.map((c) => peer(c, (p) => `${ms(p.wallMs)} / ${ms(p.cpuMs)} / ${Math.round(p.peakRssMb)} MiB`))],
      ["cdk8s peer: objects, charts; construct + synth in-process", ...cli.map((c) => peer(c, (p) => `${p.objects}, ${p.charts}; ${ms(p.constructMs + p.synthMs)}`))],
      ["cdk8s peer: load average at start / end", ...cli.map((c) => peer(c, (p) => `${p.loadAtStart.toFixed(1)} / ${p.loadAtEnd.toFixed(1)}`))],
      ["**meshc full build ÷ cdk8s synth** (wall; CPU)", ...cli.map((c) => peer(c, (p) => `**${ratio(c.wallMs, p.wallMs)}**; ${ratio(c.cpuMs, p.cpuMs)}`))],
    ];
    lines.push(...table(["", ...cli.map((c) => `N = ${c.size}`)], cliRows), "");
  }
  for (const c of (r.cli ?? []).filter((x) => x.error)) lines.push(`N = ${c.size} (meshc build) failed: ${c.error.join("; ")}`, "");
  for (const c of (r.cli ?? []).filter((x) => x.defaultHeap?.error)) lines.push(`N = ${c.size} (meshc build) at Node's default heap: ${c.defaultHeap.error.join("; ")}`, "");
  for (const c of (r.cli ?? []).filter((x) => x.defaultBudget?.error)) lines.push(`N = ${c.size} (meshc build) with the default --compile-timeout: ${c.defaultBudget.error.join("; ")}`, "");
  for (const c of (r.cdk8s ?? []).filter((x) => x.error)) lines.push(`N = ${c.size} (cdk8s peer) failed: ${c.error.join("; ")}`, "");
  lines.push("## Build, per phase (wall time; `build()` with the tsc7 type check, no Envoy validation, then an atomic write)", "");
  const head = ["phase", ...ok.map((s) => `N = ${s.size}`), ...pairs.map(([a, b]) => `${a}/${b}`)];
  const phaseRows = PHASES.map((p) => [p, ...ok.map((s) => ms(s.timings[p])), ...pairs.map(([a, b]) => ratio(bySize.get(a).timings[p], bySize.get(b).timings[p]))]);
  phaseRows.push(["**wall (build + write)**", ...ok.map((s) => `**${ms(s.wallMs)}**`), ...pairs.map(([a, b]) => ratio(bySize.get(a).wallMs, bySize.get(b).wallMs))]);
  phaseRows.push(["peak RSS (node process)", ...ok.map((s) => `${Math.round(s.peakRssMb)} MiB`), ...pairs.map(([a, b]) => ratio(bySize.get(a).peakRssMb, bySize.get(b).peakRssMb))]);
  for (const [label, key] of [["Envoy validation (separate run)", "validate"], ["Kubernetes validation (same run)", "validate:kubernetes"], ["Istio validation (same run)", "validate:istio"]] as const) {
    phaseRows.push([label, ...ok.map((s) => ms(val.get(s.size)?.timings[key])), ...pairs.map(([a, b]) => ratio(val.get(a)?.timings[key], val.get(b)?.timings[key]))]);
  }
  phaseRows.push(["wall with validation (no write)", ...ok.map((s) => ms(val.get(s.size)?.wallMs)), ...pairs.map(([a, b]) => ratio(val.get(a)?.wallMs, val.get(b)?.wallMs))]);
  phaseRows.push(["peak RSS with validation", ...ok.map((s) => (val.get(s.size) ? `${Math.round(val.get(s.size).peakRssMb)} MiB` : "–")), ...pairs.map(() => "")]);
  lines.push(...table(head, phaseRows), "");
  lines.push("## Output", "");
  const outRows = [
    ["services / sidecars (workload × zone)", ...ok.map((s) => `${s.services} / ${s.sidecars}`), ...pairs.map(([a, b]) => ratio(bySize.get(a).sidecars, bySize.get(b).sidecars))],
    ["files", ...ok.map((s) => String(s.files)), ...pairs.map(([a, b]) => ratio(bySize.get(a).files, bySize.get(b).files))],
    ["output bytes", ...ok.map((s) => mib(s.outputBytes)), ...pairs.map(([a, b]) => ratio(bySize.get(a).outputBytes, bySize.get(b).outputBytes))],
    ["Envoy bytes per sidecar, scoped (measured, all)", ...ok.map((s) => kib(s.scopedBytesPerSidecar)), ...pairs.map(([a, b]) => ratio(bySize.get(a).scopedBytesPerSidecar, bySize.get(b).scopedBytesPerSidecar))],
    ["Envoy bytes per sidecar, unscoped (measured on a sample)", ...ok.map((s) => `${kib(s.unscoped?.bytesPerSidecar)} (${s.unscoped?.sampled} sidecars)`), ...pairs.map(([a, b]) => ratio(bySize.get(a).unscoped?.bytesPerSidecar, bySize.get(b).unscoped?.bytesPerSidecar))],
    ["Envoy bytes, whole mesh unscoped (extrapolated)", ...ok.map((s) => mib(s.unscoped?.extrapolatedTotalBytes)), ...pairs.map(([a, b]) => ratio(bySize.get(a).unscoped?.extrapolatedTotalBytes, bySize.get(b).unscoped?.extrapolatedTotalBytes))],
  ];
  lines.push(...table(head.map((h, i) => (i === 0 ? "" : h)), outRows), "");
  for (const s of r.sizes.filter((x) => x.error)) lines.push(`N = ${s.size} (${s.mode}) failed: ${s.error.join("; ")}`, "");
  for (const v of r.validate.filter((x) => x.error)) lines.push(`N = ${v.size} with validation failed: ${v.error.join("; ")}`, "");
  if (r.watch) {
    lines.push("## Incremental rebuild (compiler/watch), one-service change", "");
    if (r.watch.error) lines.push(`failed: ${r.watch.error.join("; ")}`, "");
    else {
      const w = r.watch;
      lines.push(`N = ${w.size}: a canary weight of \`${w.changedService}\` (${w.callers} callers, ${w.calls} calls), semantic checks on, no type check, Envoy validation on. First build ${ms(w.firstBuildMs)}; **rebuild ${ms(w.rebuildMs)}**, then ${w.changedFiles} changed files written in ${ms(w.writeChangedMs)}. Workloads rebuilt: ${Object.entries(w.rebuilt).map(([t, n]) => `${t} ${n === "*" ? "all (no per-workload entry point)" : n}`).join(", ")}.`, "");
      lines.push(...table(["phase", "ms"], Object.entries(w.rebuildTimings).map(([p, v]) => [p, ms(v as number)])), "");
    }
  }
  if (r.istio) {
    lines.push("## Istio target vs a cdk8s synth of the same objects (one process, median, after a warm-up)", "");
    if (r.istio.error) lines.push(`failed: ${r.istio.error.join("; ")}`, "");
    else {
      lines.push(`meshc: \`target.build(model)\` (objects built from the model and written as YAML streams, per zone and service). cdk8s: the same objects as plain \`ApiObject\`s, one Chart per zone, \`app.synthYaml()\`. Median of ${r.istio.repeat} runs each.`, "");
      lines.push(...table(["N", "files", "objects", "meshc", "cdk8s", "meshc / cdk8s"], r.istio.rows.map((x: any) => [String(x.size), String(x.files), String(x.objects), ms(x.meshcMs), ms(x.cdk8sMs), x.ratio.toFixed(2)])), "");
    }
  }
  lines.push(...pulumiMarkdown(r.pulumi ?? []));
  if (r.serve) {
    lines.push("## `meshc serve`: one server per zone, lightweight delta-ADS clients (bench/serve-xds.ts)", "");
    if (r.serve.error) lines.push(`failed: ${[r.serve.error].flat().join("; ")}`, "");
    else {
      const s = r.serve;
      const c = s.change ?? {};
      lines.push(`N = ${s.size}, ${s.clients} clients (${s.complete} got their full config), Envoy validation ${s.validate ? "on" : "off"}; load average ${s.loadAverage.start} → ${s.loadAverage.end}. **All served in ${ms(s.servedAllMs ?? undefined)}**; the clients' process used ${s.clientsCpuS} s of CPU.`, "");
      lines.push(...table(["zone", "start (build + warm)", "CPU at ready", "CPU serving", "peak RSS"], s.servers.map((x: any) => [x.zone, ms(x.startupMs), `${x.cpuAtReadyS} s`, `${x.cpuServingS} s`, `${x.peakRssMb} MiB`])), "");
      if (c.service) lines.push(`One-service change (\`${c.service}\`, ${c.callerServices} calling services): ${c.sidecarsPushed} sidecars pushed of ${c.expectedSidecars} expected (${c.unexpected} unexpected, ${c.missed} missed); last ACK ${ms(c.lastAckAfterSaveMs)} after the save, of which the policy's rebuild ${c.servers.map((x: any) => ms(x.policyMs)).join(" / ")}.`, "");
    }
  }
  if (r.captureApply) {
    lines.push("## Capture rules: one transaction per family vs one command per rule (fresh network namespace, median)", "");
    if (r.captureApply.skipped || r.captureApply.error) lines.push(`skipped: ${r.captureApply.skipped ?? r.captureApply.error}`, "");
    else {
      lines.push(`${r.captureApply.iptables}; median of ${r.captureApply.repeat} runs. "restore" is \`iptables-restore --noflush\` (or \`nft -f\`) of meshc's generated file; "per rule" runs the same chains and rules as one command each, inside one shell in the namespace.`, "");
      lines.push(...table(["exclusions", "backend", "family", "commands", "restore", "per rule", "ratio"], r.captureApply.rows.map((x: any) => [String(x.exclusions), x.backend, x.family, String(x.commands), ms(x.restoreMs), x.perRuleMs === undefined ? "–" : ms(x.perRuleMs), x.ratio === undefined ? "–" : `${x.ratio.toFixed(1)}×`])), "");
    }
  }
  return lines.join("\n");
}
