// One-service rebuilds of `meshc build --watch` (issue 19): a generated mesh of N services, a first build through
// the incremental builder (validation on, no type check: the watcher runs tsc7 beside it), then R one-service
// saves (a canary weight moved by one point, back and forth), each rebuilt as the watcher rebuilds it. The first
// rebuild after a build is V8's warm-up of the incremental path, so medians are over the later ones. Prints one
// JSON line: per rebuild its wall time and this process's CPU, the median of each phase the builder reports, and
// the load average. With --prof FILE, a V8 CPU profile of the rebuilds alone (no first build).
//   node --import tsx bench/watch-rebuild.ts [--size 1000] [--rebuilds 6] [--prof out.cpuprofile]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { incrementalBuilder, policyBundler } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, rebuilds: { type: "string", default: "6" }, prof: { type: "string" } } });
const size = Number(values.size);
const rebuilds = Number(values.rebuilds);
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const CANARY = /to: \{ v1: (\d+), v2: (\d+) \}/;

async function main(): Promise<object> {
  const mesh = generateMesh({ services: size });
  const work = mkdtempSync(join(tmpdir(), "meshc-bench-watch-"));
  writeMesh(work, mesh.files);
  const entry = join(work, mesh.entry);
  const teamFile = (team: string) => join(dirname(entry), "teams", `${team}.ts`);
  const target = mesh.services.find((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8 && CANARY.test(readFileSync(teamFile(s.team), "utf8").split(`service(${JSON.stringify(s.name)}`)[1]!.split("});")[0]!));
  if (!target) throw new Error("no service with a canary to change");
  const file = teamFile(target.team);
  const loadAtStart = load();
  const bundler = policyBundler();
  const builder = incrementalBuilder({ entry, checker: "none", validate: true, load: { bundler } });
  const first = await builder.rebuild();
  if (!first.artifacts) throw new Error(first.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("\n"));

  const session = new Session();
  if (values.prof) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const rows: { wallMs: number; cpuMs: number; changed: number; timings: Record<string, number> }[] = [];
  for (let i = 0; i < rebuilds; i++) {
    const [before, after] = readFileSync(file, "utf8").split(`service(${JSON.stringify(target.name)}`) as [string, string];
    const step = i % 2 === 0 ? 1 : -1;
    writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${after.replace(CANARY, (_, a: string, b: string) => `to: { v1: ${Number(a) - step}, v2: ${Number(b) + step} }`)}`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const result = await builder.rebuild();
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (!result.artifacts) throw new Error(result.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("\n"));
    rows.push({ wallMs, cpuMs: (used.user + used.system) / 1000, changed: result.changed.length, timings: result.timings });
  }
  if (values.prof) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(values.prof, JSON.stringify(profile));
    session.disconnect();
  }
  await bundler.dispose();
  rmSync(work, { recursive: true, force: true });
  const later = rows.slice(1);
  const phases = [...new Set(later.flatMap((r) => Object.keys(r.timings)))];
  return {
    size,
    changedService: target.name,
    callers: target.callers.length,
    rebuilds: rows.map((r) => ({ wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs), changedFiles: r.changed })),
    medianWallMs: Math.round(median(later.map((r) => r.wallMs))),
    medianCpuMs: Math.round(median(later.map((r) => r.cpuMs))),
    medianPhasesMs: Object.fromEntries(phases.map((p) => [p, Math.round(median(later.map((r) => r.timings[p] ?? 0)))]).sort((a, b) => (b[1] as number) - (a[1] as number))),
    loadAverage: { start: loadAtStart, end: load() },
  };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e) => {
    process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n");
    process.exitCode = 1;
  },
);
