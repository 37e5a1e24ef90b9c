// meshc's benchmark (issue 9; method and targets in docs/benchmark.md). Each measurement runs in its own
// process (measure-size.ts, capture-apply.ts), one after the other, so peak memory is one build's alone.
//   npm run bench -- [--sizes 100,1000] [--cli-sizes 100,1000] [--cdk8s-sizes 100,1000] [--warm-sizes 100,1000] [--validate-sizes 100,1000] [--watch-size 1000] [--istio-sizes 100,1000] [--pulumi-sizes 100,1000] [--serve-size 1000 --serve-clients 6000] [--no-capture] [--sample 12]
// Writes bench/results/latest.json and bench/results/latest.md.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { markdown, type Results } from "./report";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000" },
    "validate-sizes": { type: "string" },
    "watch-size": { type: "string", default: "1000" },
    "cli-sizes": { type: "string" },
    "cdk8s-sizes": { type: "string" },
    "warm-sizes": { type: "string" },
    "istio-sizes": { type: "string", default: "100,1000" },
    "pulumi-sizes": { type: "string", default: "100,1000" },
    "serve-size": { type: "string", default: "1000" },
    "serve-clients": { type: "string", default: "6000" },
    "no-capture": { type: "boolean", default: false },
    sample: { type: "string", default: "12" },
    out: { type: "string", default: join(__dirname, "results") },
  },
});
const list = (text: string | undefined) => (text ?? "").split(",").map((s) => s.trim()).filter(Boolean).map(Number);
const sizes = list(values.sizes);
// Validation at 10 000 takes minutes: by default it is measured up to 1 000.
const validateSizes = values["validate-sizes"] !== undefined ? list(values["validate-sizes"]) : sizes.filter((n) => n <= 1000);
const watchSize = Number(values["watch-size"]);
// The default CLI path (`meshc build`, everything on) at every size measured, unless told otherwise.
const cliSizes = values["cli-sizes"] !== undefined ? list(values["cli-sizes"]) : sizes;
// The cdk8s peer at the same sizes, in the same run, for the ratio (issue 19).
const cdk8sSizes = values["cdk8s-sizes"] !== undefined ? list(values["cdk8s-sizes"]) : cliSizes;
// A second, warm `meshc build` (validation cache filled, earlier output replaced; outputs compared) up to 1 000.
const warmSizes = new Set(values["warm-sizes"] !== undefined ? list(values["warm-sizes"]) : cliSizes.filter((n) => n <= 1000));

function child(script: string, args: readonly string[], heapMb?: number): any {
  const flags = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const started = performance.now();
  const r = spawnSync(process.execPath, [...flags, "--import", "tsx", join(__dirname, script), ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return { error: [`exit ${r.status ?? r.signal} after ${Math.round(performance.now() - started)} ms: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ")}`] };
  }
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const machine: Record<string, unknown> = { cores: cpus().length, cpu: cpus()[0]?.model, memory: `${Math.round(totalmem() / 2 ** 30)} GiB`, node: process.version, "load average at start": load() };
const results: { machine: Record<string, unknown>; cli: any[]; cdk8s: any[]; sizes: any[]; validate: any[]; watch: any; captureApply: any; istio: any; pulumi: any[]; serve: any } = { machine, cli: [], cdk8s: [], sizes: [], validate: [], watch: null, captureApply: null, istio: null, pulumi: [], serve: null };

for (const size of cliSizes) {
  log(`N = ${size}: meshc build (CLI, all defaults) …`);
  const args = ["--size", String(size), ...(warmSizes.has(size) ? ["--warm"] : [])];
  let run = child("measure-cli.ts", args);
  // Past Node's default heap (~4 GiB) the build runs out of memory, and on a loaded machine past the default
  // 600 s compile budget (MESH016): the default's failure is recorded, then it runs with room and an hour.
  if (run.error && size > 1000) {
    log(`N = ${size}: failed with the defaults (${run.error.join(" ")}); again with --max-old-space-size=16384 --compile-timeout 3600000 …`);
    run = { defaultHeap: { error: run.error }, ...child("measure-cli.ts", [...args, "--heap", "16384", "--compile-timeout", "3600000"]) };
  }
  results.cli.push({ size, mode: "cli", ...run });
}
for (const size of cdk8sSizes) {
  log(`N = ${size}: the cdk8s peer (a synth of the same services' Istio objects, its own process) …`);
  results.cdk8s.push({ size, ...child("cdk8s-peer.ts", ["--size", String(size)], size > 1000 ? 16384 : undefined) });
}

for (const size of sizes) {
  log(`N = ${size}: build …`);
  // Above 1 000 services the whole output is held in memory at once (see docs/benchmark.md): give it room.
  results.sizes.push({ size, mode: "build", ...child("measure-size.ts", ["--size", String(size), "--mode", "build", "--sample", String(size >= 10000 ? 4 : Number(values.sample))], size > 1000 ? 16384 : undefined) });
}
for (const size of validateSizes) {
  log(`N = ${size}: build with Envoy validation …`);
  results.validate.push({ size, mode: "validate", ...child("measure-size.ts", ["--size", String(size), "--mode", "validate"], size > 1000 ? 16384 : undefined) });
}
if (watchSize > 0) {
  log(`N = ${watchSize}: incremental rebuild …`);
  results.watch = child("measure-size.ts", ["--size", String(watchSize), "--mode", "watch"]);
}
const istioSizes = list(values["istio-sizes"]);
if (istioSizes.length) {
  log(`Istio target vs cdk8s synth, N = ${istioSizes.join(", ")} …`);
  results.istio = child("istio-vs-cdk8s.ts", ["--sizes", istioSizes.join(",")]);
}
for (const size of list(values["pulumi-sizes"])) {
  for (const [mode, delivery] of [["meshc", "files"], ["meshc", "xds"], ["istio", "files"]]) {
    log(`N = ${size}: the Pulumi program under engine mocks, ${mode} mode, ${delivery} delivery …`);
    results.pulumi.push({ size, mode, delivery, ...child("pulumi-program.ts", ["--size", String(size), "--mode", mode!, "--delivery", delivery!], size >= 1000 ? 12288 : undefined) });
  }
}
const serveSize = Number(values["serve-size"]);
if (serveSize > 0) {
  log(`meshc serve: N = ${serveSize}, ${values["serve-clients"]} ADS clients over one server per zone …`);
  results.serve = child("serve-xds.ts", ["--size", String(serveSize), "--clients", values["serve-clients"]!]);
}
if (!values["no-capture"]) {
  log("capture rules: restore vs per-rule …");
  results.captureApply = child("capture-apply.ts", ["--repeat", "5"]);
}
machine["load average at end"] = load();

mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, "latest.json"), JSON.stringify(results, null, 2) + "\n");
const md = markdown(results as Results);
writeFileSync(join(values.out!, "latest.md"), md + "\n");
process.stdout.write(md + "\n");
