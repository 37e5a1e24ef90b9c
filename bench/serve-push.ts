// The push path of one `meshc serve` in this process (issue 20): a generated mesh of N services, one zone's
// server warmed and listening (no clients: bench/serve-xds.ts measures serving), then R one-service saves
// (a canary weight moved by one point, back and forth) each rebuilt through the server's own rebuild(), as a
// save triggers it. Prints per save the phases the builder reports, the snapshot update and push, and this
// process's CPU for the save; then medians. With --prof FILE, a V8 CPU profile of the saves alone (no start-up).
//   node --import tsx bench/serve-push.ts [--size 1000] [--saves 8] [--prof out.cpuprofile]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type PushEvent, serveXds } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";
import { ZONES } from "./generate/render-mesh";
import { syntheticEndpoints } from "./synthetic-endpoints";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, saves: { type: "string", default: "8" }, prof: { type: "string" } } });
const size = Number(values.size);
const saves = Number(values.saves);
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<object> {
  const mesh = generateMesh({ services: size });
  const work = mkdtempSync(join(tmpdir(), "meshc-bench-push-"));
  writeMesh(work, mesh.files);
  const target = mesh.services.find((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8 && s.versions.length > 1);
  if (!target) throw new Error("no service to change");
  const file = join(work, "teams", `${target.team}.ts`);

  let timings: Record<string, number> = {};
  let push: PushEvent | undefined;
  const started = await serveXds({
    entry: join(work, mesh.entry),
    zone: ZONES[0]!,
    listen: "[::1]:0",
    checker: "none",
    validate: false,
    watch: false,
    endpoints: syntheticEndpoints(),
    log: () => {},
    onBuild: (r) => (timings = { ...r.timings }),
    onPush: (e) => (push = e),
  });
  if (!started.ok) throw new Error(started.reason);
  const server = started.server;
  const loadAtStart = load();

  const session = new Session();
  if (values.prof) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
  }
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < saves; i++) {
    const text = readFileSync(file, "utf8");
    const [before, after] = text.split(`service(${JSON.stringify(target.name)}`) as [string, string];
    const step = i % 2 === 0 ? 1 : -1;
    const edited = after.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - step}, v2: ${Number(b) + step} }`);
    writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${edited}`);
    push = undefined;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await server.rebuild();
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (!push) throw new Error(`save ${i} pushed nothing`);
    const p = push as PushEvent;
    const front = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]));
    rows.push({ wallMs: Math.round(wall), cpuMs: Math.round((used.user + used.system) / 1000), ...front, afterPolicyMs: Math.round(p.ms - p.policyMs), changed: p.changed.length });
  }
  if (values.prof) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(values.prof, JSON.stringify(profile));
    session.disconnect();
  }
  await server.close();
  rmSync(work, { recursive: true, force: true });
  const keys = Object.keys(rows[0] ?? {});
  return { size, saves, service: target.name, medians: Object.fromEntries(keys.map((k) => [k, median(rows.map((r) => r[k] ?? 0))])), rows, loadAverage: { start: loadAtStart, end: load() } };
}

main().then((r) => { process.stdout.write(JSON.stringify(r) + "\n"); process.exit(0); }, (e) => { process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n"); process.exit(1); });
