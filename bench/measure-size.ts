// One benchmark measurement in its own process (bench/run.ts starts it), so that peak memory is this build's
// alone: `process.resourceUsage().maxRSS` is the process's peak resident set. Prints one JSON line.
//   node --import tsx bench/measure-size.ts --size 1000 --mode build|validate|watch [--sample 12]
// build:    generate the mesh, build() without validation (tsc7 type check), write the output, then measure
//           bytes per sidecar scoped (the real output) and unscoped (unscoped.ts).
// validate: the same build with Envoy validation on (nothing written).
// watch:    the incremental builder (compiler/watch): a first build, then a one-service change and its rebuild.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { build, incrementalBuilder, policyBundler, workloads, writeAtomically } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";
import { unscopedBytes } from "./unscoped";

const { values } = parseArgs({ options: { size: { type: "string" }, mode: { type: "string", default: "build" }, sample: { type: "string", default: "12" }, seed: { type: "string", default: "1" } } });
const size = Number(values.size);
const mode = values.mode!;
const mb = (bytes: number) => bytes / 1024 / 1024;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<object> {
  const work = mkdtempSync(join(tmpdir(), `meshc-bench-${size}-`));
  try {
    const t0 = performance.now();
    const mesh = generateMesh({ services: size, seed: Number(values.seed) });
    writeMesh(join(work, "policy"), mesh.files);
    const generateMs = performance.now() - t0;
    const entry = join(work, "policy", mesh.entry);
    if (mode === "watch") return await watch(entry, mesh, work, generateMs);

    const start = performance.now();
    const result = await build({ entry, checker: "tsc7", validate: mode === "validate" });
    const buildMs = performance.now() - start;
    if (!result.artifacts) return { size, mode, error: result.diagnostics.filter((d) => d.severity === "error").slice(0, 3).map((d) => `${d.code} ${d.message}`) };
    const timings: Record<string, number> = { ...result.timings };
    if (mode === "build") {
      const w = performance.now();
      await writeAtomically(join(work, "out"), result.artifacts);
      timings.write = performance.now() - w;
    }
    const wallMs = performance.now() - start;
    const peakRssMb = peakMb();
    Object.assign(timings, await typecheckAlone(entry, result.timings));
    const envoy = result.artifacts.filter((a) => a.path.startsWith("envoy/"));
    // One sidecar per workload and zone; the versions of a service share their folder (docs/sidecar-layout.md).
    const sidecars = workloads(result.model!).length * result.model!.zones.length;
    const envoyBytes = envoy.reduce((s, a) => s + Buffer.byteLength(a.content), 0);
    const outputBytes = result.artifacts.reduce((s, a) => s + Buffer.byteLength(a.content), 0);
    const base = { size, mode, services: result.model!.services.length, sidecars, generateMs, buildMs, wallMs, timings, peakRssMb, outputBytes, files: result.artifacts.length, envoyBytes, scopedBytesPerSidecar: envoyBytes / sidecars };
    if (mode !== "build") return base;
    (result as { artifacts: unknown }).artifacts = null; // the unscoped sample does not need them
    const u = performance.now();
    const unscoped = unscopedBytes(result.model!, Number(values.sample));
    return { ...base, unscoped: { ...unscoped, ms: performance.now() - u } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The tsc7 child's own duration. Inside build() the child runs beside the targets, and its promise settles only
 * when the synchronous targets and validators next let the event loop run, so build()'s `typecheck` is the time
 * until the build awaited it (30 s at N = 1 000 for a ~1 s child). The same check in a build that stops after the
 * checks (emit: false) is awaited on an idle event loop: its time is the child's. The in-build figure is kept as
 * `typecheck:awaited`. Run after the measured build, so it does not change the build's peak RSS.
 */
async function typecheckAlone(entry: string, inBuild: Readonly<Record<string, number>>): Promise<Record<string, number>> {
  const alone = await build({ entry, checker: "tsc7", emit: false });
  const out: Record<string, number> = {};
  if (inBuild.typecheck !== undefined) out["typecheck:awaited"] = inBuild.typecheck;
  if (alone.timings.typecheck !== undefined) out.typecheck = alone.timings.typecheck;
  return out;
}

/** The watch path: the change is a canary weight in one ordinary (non-hub) service that has callers. */
async function watch(entry: string, mesh: ReturnType<typeof generateMesh>, work: string, generateMs: number): Promise<object> {
  // A kept bundler, as `meshc build --watch` keeps one (compiler/cli/watch-command.ts).
  const bundler = policyBundler();
  const builder = incrementalBuilder({ entry, checker: "none", validate: true, load: { bundler } });
  let t = performance.now();
  const first = await builder.rebuild();
  const firstMs = performance.now() - t;
  if (!first.artifacts) return { size, mode, error: first.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`) };
  const target = mesh.services.find((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8 && /canary", to: \{ v1: \d+, v2: \d+ \}/.test(readFileSync(join(dirname(entry), "teams", `${s.team}.ts`), "utf8").split(`service(${JSON.stringify(s.name)}`)[1]!.split("});")[0]!));
  if (!target) return { size, mode, error: ["no service with a canary to change"] };
  const file = join(dirname(entry), "teams", `${target.team}.ts`);
  const [before, after] = readFileSync(file, "utf8").split(`service(${JSON.stringify(target.name)}`) as [string, string];
  const changed = after.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - 1}, v2: ${Number(b) + 1} }`);
  writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${changed}`);
  t = performance.now();
  const second = await builder.rebuild();
  const rebuildMs = performance.now() - t;
  if (!second.artifacts) return { size, mode, error: second.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`) };
  // Writing only what changed, each file replaced by rename (what a watcher would do in place).
  t = performance.now();
  const byPath = new Map(second.artifacts.map((a) => [a.path, a.content]));
  for (const path of second.changed) {
    const full = join(work, "out", path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(`${full}.tmp`, byPath.get(path)!);
    renameSync(`${full}.tmp`, full);
  }
  const writeMs = performance.now() - t;
  await bundler.dispose();
  return { size, mode, generateMs, changedService: target.name, callers: target.callers.length, calls: target.calls.length, firstBuildMs: firstMs, rebuildMs, writeChangedMs: writeMs, rebuildTimings: second.timings, rebuilt: second.rebuilt, changedFiles: second.changed.length, peakRssMb: peakMb() };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e) => {
    process.stdout.write(JSON.stringify({ size, mode, error: [String(e?.stack ?? e)] }) + "\n");
    process.exitCode = 1;
  },
);
