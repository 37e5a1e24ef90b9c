// Where a load's time goes (issue 20): a generated mesh of N services, loaded R times in this process, each
// time after a one-service edit (a canary weight moved by one point), as `meshc serve` loads it after a save.
// Per load, each part on its own: esbuild's rebuild through a kept bundler (as the server keeps one), QuickJS
// compiling the bundle without running it, QuickJS running the bundle with the serializer's call replaced by
// a plain store, the full evaluation (what load() runs), and the host reading the outcome (readSandboxOutput).
// Prints one JSON line: medians of this process's CPU (user + system, all threads) and of wall time, in ms,
// over the loads after the first (which warms V8 and the esbuild context), and the load average.
//   node --import tsx bench/load-split.ts [--size 1000] [--loads 8]
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadStages, policyBundler } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, loads: { type: "string", default: "8" } } });
const size = Number(values.size);
const loads = Number(values.loads);
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const { BUNDLE_NAME, evaluate, quickjsInstance, readSandboxOutput, stackBytesFor } = loadStages;
const limits = { timeoutMs: loadStages.DEFAULT_TIMEOUT_MS, memoryLimitBytes: loadStages.DEFAULT_MEMORY_LIMIT_BYTES };

/** The virtual entry's last statement (virtual-entry.ts), as esbuild writes it into the bundle. */
const SERIALIZE_CALL = /\n {2}publish\(serializePolicy\(([\w$]+)\)\);\n/;

interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
}

async function measured<T>(run: () => T | Promise<T>): Promise<[T, Sample]> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return [value, { cpuMs: (used.user + used.system) / 1000, wallMs }];
}

/** QuickJS parsing and compiling `code` to bytecode, in a fresh runtime as evaluate() makes one, not running it. */
async function compileOnly(code: string): Promise<void> {
  const instance = await quickjsInstance(limits.memoryLimitBytes);
  const runtime = instance.module.newRuntime();
  runtime.setMemoryLimit(limits.memoryLimitBytes);
  runtime.setMaxStackSize(stackBytesFor(code));
  const context = runtime.newContext();
  const result = context.evalCode(code, BUNDLE_NAME, { type: "global", strict: true, compileOnly: true });
  if (result.error) {
    const error: unknown = context.dump(result.error);
    result.error.dispose();
    throw new Error(`compile failed: ${JSON.stringify(error)}`);
  }
  result.value.dispose();
  context.dispose();
  runtime.dispose();
}

function policyIn(dir: string, entry: string): loadStages.PolicyLocation {
  const root = realpathSync(dir);
  return {
    root,
    entry: realpathSync(join(dir, entry)),
    dslDir: realpathSync(resolve(__dirname, "../dsl")),
    serializer: realpathSync(resolve(__dirname, "../compiler/load/plain-data.ts")),
    prelude: realpathSync(resolve(__dirname, "../compiler/load/deterministic-builtins.ts")),
  };
}

async function main(): Promise<object> {
  const mesh = generateMesh({ services: size });
  const work = mkdtempSync(join(tmpdir(), "meshc-bench-load-"));
  writeMesh(work, mesh.files);
  const target = mesh.services.find((s) => !s.hub && s.versions.length > 1);
  if (!target) throw new Error("no service to change");
  const file = join(work, "teams", `${target.team}.ts`);
  const policy = policyIn(work, mesh.entry);
  const bundler = policyBundler();
  const loadAtStart = load();

  const rows: Record<string, Sample>[] = [];
  let bundleBytes = 0;
  let outcomeBytes = 0;
  for (let i = 0; i <= loads; i++) {
    const text = readFileSync(file, "utf8");
    const step = i % 2 === 0 ? 1 : -1;
    const [before, after] = text.split(`service(${JSON.stringify(target.name)}`) as [string, string];
    const edited = after.replace(/v1: (\d+), v2: (\d+)/, (_, a: string, b: string) => `v1: ${Number(a) - step}, v2: ${Number(b) + step}`);
    if (edited === after) throw new Error(`${target.name} has no canary weight to move`);
    writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${edited}`);

    const [bundled, bundle] = await measured(() => bundler.bundle(policy));
    if (!bundled.ok) throw new Error(JSON.stringify(bundled.diagnostics));
    const code = bundled.bundle.code;
    if (!SERIALIZE_CALL.test(code)) throw new Error("the bundle's serializer call was not found");
    // The policy's value is stored where the serializer would read it, so the policy runs in full.
    const stored = code.replace(SERIALIZE_CALL, (_, name: string) => `\n  globalThis.__meshcPlainStore = ${name};\n  publish("{}");\n`);
    const [, compile] = await measured(() => compileOnly(code));
    const [, withoutSerializer] = await measured(() => evaluate(stored, BUNDLE_NAME, limits));
    const [outcome, full] = await measured(() => evaluate(code, BUNDLE_NAME, limits));
    if (outcome.kind !== "value") throw new Error(`evaluation ended with ${outcome.kind}`);
    const [read, hostRead] = await measured(() => readSandboxOutput(outcome.text));
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
    bundleBytes = code.length;
    outcomeBytes = outcome.text.length;
    if (i > 0) rows.push({ bundle, compile, withoutSerializer, full, hostRead });
  }
  await bundler.dispose();
  rmSync(work, { recursive: true, force: true });
  const parts = Object.keys(rows[0] ?? {});
  const medians = (of: keyof Sample) => Object.fromEntries(parts.map((k) => [k, Math.round(median(rows.map((r) => r[k]![of])))]));
  return {
    size,
    loads,
    bundleBytes,
    outcomeBytes,
    cpuMs: medians("cpuMs"),
    wallMs: medians("wallMs"),
    note: "bundle: Node's CPU only (esbuild runs in its own process); full = evaluation with the serializer; serializer ≈ full − withoutSerializer",
    loadAverage: { start: loadAtStart, end: load() },
  };
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + "\n");
    process.exit(0);
  },
  (e) => {
    process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n");
    process.exit(1);
  },
);
