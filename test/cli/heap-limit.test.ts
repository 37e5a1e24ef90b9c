// One-shot commands run in a thread whose heap is sized to the machine (compiler/cli/command-thread.ts,
// heap-limit.ts): the sizing rule, which commands get the thread, that the thread's output, statuses and --json
// are the in-process CLI's, and that running out of heap is one line on stderr and exit 2, never V8's dump.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../compiler/cli/main";
import { runsInThread } from "../../compiler/cli/command-thread";
import { HEAP_ENV, heapLimits, type Machine, maxOldSpaceOption, RESERVED_MB, thisMachine, YOUNG_GENERATION_MB } from "../../compiler/cli/heap-limit";

const root = resolve(__dirname, "../..");
const example = join(root, "examples/uaek/mesh.ts");
const scratch = mkdtempSync(join(tmpdir(), "meshc-heap-"));

const machine = (over: Partial<Machine>): Machine => ({ totalMb: 24_576, defaultHeapMb: 4_144, env: {}, nodeOptions: [], ...over });

test("the heap is the machine's memory less the checker's and the OS's room and the young generation", () => {
  const limits = heapLimits(machine({}));
  assert.equal(limits, { maxOldGenerationSizeMb: 24_576 - RESERVED_MB - YOUNG_GENERATION_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, from: "machine" });
});

test("a cgroup limit below physical memory is what the heap is sized from", () => {
  assert.is((heapLimits(machine({ constrainedMb: 8_192 })) as { maxOldGenerationSizeMb: number }).maxOldGenerationSizeMb, 8_192 - RESERVED_MB - YOUNG_GENERATION_MB);
});

test("never less than Node's default: a small machine or container keeps what it had", () => {
  assert.is((heapLimits(machine({ totalMb: 4_096, defaultHeapMb: 2_048 })) as { maxOldGenerationSizeMb: number }).maxOldGenerationSizeMb, 2_048);
  assert.is((heapLimits(machine({ constrainedMb: 1_024, defaultHeapMb: 4_144 })) as { maxOldGenerationSizeMb: number }).maxOldGenerationSizeMb, 4_144);
});

test("MESHC_MAX_HEAP_MB, then Node's --max-old-space-size, set the limit outright", () => {
  assert.equal(heapLimits(machine({ env: { [HEAP_ENV]: "700" }, nodeOptions: ["--max-old-space-size=9000"] })), { maxOldGenerationSizeMb: 700, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, from: HEAP_ENV });
  assert.equal(heapLimits(machine({ nodeOptions: ["--max-old-space-size=9000"] })), { maxOldGenerationSizeMb: 9_000, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, from: "--max-old-space-size" });
  assert.is(maxOldSpaceOption(["--max_old_space_size=512"]), 512);
  assert.is(maxOldSpaceOption(["--max-old-space-size", "640"]), 640);
  assert.is(maxOldSpaceOption(["--max-semi-space-size=64"]), undefined);
  assert.is((heapLimits(machine({ env: { [HEAP_ENV]: "" } })) as { from: string }).from, "machine", "an empty variable is no setting");
});

test("a MESHC_MAX_HEAP_MB that is no whole number of MiB is a usage error", () => {
  for (const bad of ["0", "-5", "2g", "1.5", "lots"]) assert.ok("usage" in heapLimits(machine({ env: { [HEAP_ENV]: bad } })), bad);
  const r = spawnSync(process.execPath, [join(root, "bin/meshc.js"), "check", example, "--checker", "none"], { encoding: "utf8", env: { ...process.env, [HEAP_ENV]: "2g" } });
  assert.is(r.status, 2);
  assert.is(r.stdout, "");
  assert.is(r.stderr, `meshc: ${HEAP_ENV} must be a positive whole number of MiB, not "2g"\n`);
});

test("this machine: sized above Node's own default when it has the memory", () => {
  const here = thisMachine();
  const limits = heapLimits(here) as { maxOldGenerationSizeMb: number };
  assert.ok(limits.maxOldGenerationSizeMb >= here.defaultHeapMb);
  if (here.totalMb - RESERVED_MB - YOUNG_GENERATION_MB > here.defaultHeapMb && !process.env[HEAP_ENV]) assert.ok(limits.maxOldGenerationSizeMb > here.defaultHeapMb);
});

test("one-shot commands get the thread; serve, build --watch, lsp and help stay on the main thread", () => {
  for (const argv of [["build", "m.ts", "--out", "o"], ["check", "m.ts"], ["types", "m.ts"], ["validate", "o/envoy"], ["inject", "d.yaml", "--policy", "m.ts"], ["explain", "m.ts"], ["diff", "a", "b"], ["graph", "m.ts"], ["report", "m.ts"]]) assert.ok(runsInThread(argv), argv.join(" "));
  for (const argv of [["build", "m.ts", "--out", "o", "--watch"], ["serve", "m.ts", "--zone", "z"], ["lsp", "--stdio"], ["--help"], [], ["build", "--help"], ["nonsense"], ["-V"]]) assert.not.ok(runsInThread(argv), argv.join(" "));
});

function meshc(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(root, "bin/meshc.js"), ...argv], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
}

async function inProcess(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

test("through the thread: the same stdout, stderr and status as the CLI in process, for success, policy errors, --json and usage errors", async () => {
  const bad = join(scratch, "bad");
  cpSync(join(root, "examples/uaek"), bad, { recursive: true });
  writeFileSync(join(bad, "mesh.ts"), readFileSync(join(bad, "mesh.ts"), "utf8").replace('timeout: "3s"', 'timeout: "3 seconds"'));
  const cases = [
    ["check", example, "--checker", "none"],
    ["check", example, "--checker", "none", "--json"],
    ["check", join(bad, "mesh.ts"), "--checker", "none"],
    ["check", join(bad, "mesh.ts"), "--checker", "none", "--json"],
    ["build", join(bad, "mesh.ts"), "--out", join(scratch, "never"), "--checker", "none"],
    ["check", join(scratch, "missing.ts")],
    ["build", example, "--checker", "none", "--out", join(scratch, "x"), "--istio-api", "v9"],
  ];
  for (const argv of cases) {
    const spawned = meshc(argv);
    const here = await inProcess(argv);
    assert.equal({ code: spawned.status, out: spawned.stdout, err: spawned.stderr }, here, argv.join(" "));
  }
  assert.not.ok(existsSync(join(scratch, "never")));
});

test("out of heap: one line on stderr naming the limit and how to raise it, exit 2, nothing written", () => {
  const out = join(scratch, "oom");
  const r = meshc(["build", example, "--out", out, "--checker", "none"], { [HEAP_ENV]: "16" });
  assert.is(r.status, 2, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr, `meshc: build ran out of memory: its JavaScript heap is limited to 16 MiB (set by ${HEAP_ENV}); set ${HEAP_ENV} to a larger value to raise it\n`);
  assert.not.ok(existsSync(out));
  // The same build with the machine's limit succeeds: the limit is what the thread ran under.
  assert.is(meshc(["build", example, "--out", out, "--checker", "none"]).status, 0);
  assert.ok(existsSync(join(out, "manifest.json")));
});

test("SIGINT and SIGTERM end a one-shot command as before: the process dies of the signal, the thread with it", async () => {
  // The example builds in about a second now, so the signal would race the build's end: a copy whose policy
  // spins in the sandbox for about six seconds keeps the thread busy when the signal lands.
  const slow = join(scratch, "slow");
  cpSync(join(root, "examples/uaek"), slow, { recursive: true });
  const shop = join(slow, "teams/shop.ts");
  writeFileSync(shop, `${readFileSync(shop, "utf8")}\nexport const spin = (() => { let x = 0; for (let i = 0; i < 3e7; i++) x += i % 7; return x; })();\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const out = join(scratch, `signal-${signal}`);
    const child = spawn(process.execPath, [join(root, "bin/meshc.js"), "build", join(slow, "mesh.ts"), "--out", out, "--checker", "none"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => void (err += d));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, s) => done({ code, signal: s })));
    // Once the thread has started the build (its policy is being evaluated), not before.
    await new Promise((done) => setTimeout(done, 1500));
    assert.is(child.exitCode, null, `the build ended before the signal: ${err}`);
    child.kill(signal);
    assert.equal(await ended, { code: null, signal }, err);
    assert.not.ok(existsSync(out));
  }
});

test.run();
