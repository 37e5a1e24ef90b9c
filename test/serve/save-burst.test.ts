// `meshc serve` watching its policy: a save is rebuilt at once, and what changes while the rebuild runs
// decides its fate (compiler/serve/serve.ts). A file it read that changed since is a save caught half-way:
// that result is neither served nor reported, and the rebuild runs again; the rest of an editor's burst
// (the same text written again, a chmod) costs no second rebuild; a file it did not read costs one more.
// The writes that land during a rebuild come from another process (the server's own thread is busy in
// QuickJS then), and the policy spins for a while in the sandbox, so a rebuild lasts long enough for them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BuildResult, type PushEvent, serveXds, staticEndpoints, type XdsServe } from "../../compiler/api";
import { hasErrors } from "../../compiler/diagnostics/diagnostic";
import { exampleWithout } from "../example-copy";

const scratch = mkdtempSync(join(tmpdir(), "meshc-serve-burst-"));
const policy = join(scratch, "policy");
exampleWithout(policy, /expect: \{ split:/);
const shop = join(policy, "teams/shop.ts");
// ~0.5–1 s of QuickJS per rebuild (the server warms its save path, QuickJS included, before it listens), after esbuild has read every file.
writeFileSync(shop, `${readFileSync(shop, "utf8")}\nexport const spin = (() => { let x = 0; for (let i = 0; i < 1.5e7; i++) x += i % 7; return x; })();\n`);
const original = readFileSync(shop, "utf8");
const CONNECTIONS = "maxConnections: 1024,";
assert.ok(original.includes(CONNECTIONS));
const withConnections = (n: number | string) => original.replace(CONNECTIONS, `maxConnections: ${n},`);

const builds: BuildResult[] = [];
const pushes: PushEvent[] = [];
const log: string[] = [];
let serve: XdsServe;
let lastActivity = performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once nothing was built or pushed for `quietMs` (after at least one build since `since`). */
async function settled(since: number, quietMs = 2500): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    await sleep(100);
    if (builds.length > since && performance.now() - lastActivity > quietMs) return;
  }
  throw new Error(`no quiet moment: ${log.join(" | ")}`);
}

/** Writes each text to its file from another process, `gapMs` apart; resolves when that process has exited. */
function writeFromOutside(writes: readonly (readonly [string, string])[], gapMs = 250): Promise<void> {
  const script = `const fs = require("node:fs"); const w = ${JSON.stringify(writes)}; (async () => { for (const [f, t] of w) { fs.writeFileSync(f, t); await new Promise((r) => setTimeout(r, ${gapMs})); } })();`;
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolveExit() : reject(new Error(`writer exited with ${code}`))));
  });
}

const shopText = (b: BuildResult) => [...b.sources].find(([file]) => file.endsWith("teams/shop.ts"))?.[1];

test.before(async () => {
  const started = await serveXds({
    entry: join(policy, "mesh.ts"),
    zone: "cn-bj2-02",
    listen: "[::1]:0",
    checker: "none",
    validate: false,
    endpoints: staticEndpoints({}),
    log: (l) => (log.push(l), (lastActivity = performance.now())),
    onBuild: (r) => (builds.push(r), (lastActivity = performance.now())),
    onPush: (e) => (pushes.push(e), (lastActivity = performance.now())),
  });
  if (!started.ok) throw new Error(started.reason);
  serve = started.server;
  await sleep(500); // the watcher's own start-up events, if any
  await settled(0, 1000).catch(() => undefined);
});

test.after(async () => {
  await serve.close();
  rmSync(scratch, { recursive: true, force: true });
});

test("a file that changes while it is rebuilt: that result is not served or reported, the final text is", async () => {
  const b0 = builds.length;
  const p0 = pushes.length;
  await writeFromOutside([[shop, withConnections(1001)], [shop, withConnections(1002)]]);
  await settled(b0);
  const reported = builds.slice(b0);
  assert.equal(reported.map(shopText), [withConnections(1002)], log.join(" | "));
  assert.ok(log.some((l) => l.includes("building it again")), "the rebuild that read 1001 was dropped, not merely late");
  assert.equal(pushes.slice(p0).map((p) => p.changed.length > 0), [true]);
});

test("an editor's burst that leaves one text (write, the same text again, chmod) is one rebuild", async () => {
  const b0 = builds.length;
  const p0 = pushes.length;
  writeFileSync(shop, withConnections(1003));
  writeFileSync(shop, withConnections(1003));
  chmodSync(shop, 0o644);
  await settled(b0);
  assert.equal(builds.slice(b0).map(shopText), [withConnections(1003)], log.join(" | "));
  assert.is(pushes.length - p0, 1);
});

test("a save with an error that is fixed while it is rebuilt reports nothing; the fix is served", async () => {
  const b0 = builds.length;
  const p0 = pushes.length;
  // An error the checks find (after the sandbox has run), not a syntax error esbuild stops at in a moment.
  await writeFromOutside([[shop, withConnections(-1)], [shop, withConnections(1004)]]);
  await settled(b0);
  const reported = builds.slice(b0);
  assert.equal(reported.map(shopText), [withConnections(1004)], log.join(" | "));
  assert.not.ok(reported.some((b) => hasErrors(b.diagnostics)));
  assert.is(pushes.length - p0, 1);
});

test("a file the rebuild did not read, added while it runs: its result is served, and it runs once more", async () => {
  const b0 = builds.length;
  const p0 = pushes.length;
  await writeFromOutside([[shop, withConnections(1005)], [join(policy, "teams/unused.ts"), "export const unused = 1;\n"]]);
  await settled(b0);
  assert.equal(builds.slice(b0).map(shopText), [withConnections(1005), withConnections(1005)], log.join(" | "));
  assert.equal(pushes.slice(p0).map((p) => p.changed.length > 0), [true, false], "the second rebuild changes nothing served");
});

test("a save with errors that stays is reported, and changes nothing served", async () => {
  const b0 = builds.length;
  const p0 = pushes.length;
  writeFileSync(shop, withConnections(""));
  await settled(b0);
  const reported = builds.slice(b0);
  assert.is(reported.length, 1);
  assert.ok(hasErrors(reported[0]!.diagnostics));
  assert.is(pushes.length - p0, 0);
  assert.ok(log.some((l) => l.includes("the policy has errors")));
});

test.run();
