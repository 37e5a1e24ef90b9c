// A build killed with SIGKILL mid-write leaves its temporary sibling folder behind (no code runs on a kill);
// the next build into the same --out removes it (issue 15, item 1: 271 MB after 8 kills, never removed
// before). A temporary whose writer is alive is another build's, running now: it is never removed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { main } from "../../compiler/cli/main";
import { makeTemporaryFolder, removeStaleTemporaries } from "../../compiler/emit/temporaries";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-kill-"));
// Large enough that writing takes a while (about 1 500 files), so the kill lands inside the write.
const policy = join(scratch, "policy");
writeMesh(policy, generateMesh({ services: 60 }).files);
const entry = join(policy, "mesh.ts");
const parent = join(scratch, "outs");
mkdirSync(parent);
const out = join(parent, "out");

async function run(...argv: string[]) {
  let text = "";
  const code = await main(argv, { out: (t) => void (text += t), err: (t) => void (text += t) });
  return { code, text };
}

const temporaries = () => readdirSync(parent).filter((n) => n.startsWith(".out.meshc-"));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
}

/** Starts a build in a child process and SIGKILLs it as soon as its staging folder appears. */
async function killMidWrite(): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawn(process.execPath, [join(root, "bin/meshc.js"), "build", entry, "--out", out, "--checker", "none", "--no-validate"], { stdio: "ignore" });
  const end = exited(child);
  const watcher = watch(parent, (_event, name) => {
    if (typeof name === "string" && name.startsWith(".out.meshc-new-")) child.kill("SIGKILL");
  });
  try {
    return await end;
  } finally {
    watcher.close();
  }
}

test("kill -9 during a build leaves a temporary folder; the next build removes it", async () => {
  assert.is((await run("build", entry, "--out", out, "--checker", "none", "--no-validate")).code, 0);
  const previous = readFileSync(join(out, "manifest.json"), "utf8");
  let killed = false;
  for (let attempt = 0; attempt < 3 && !killed; attempt++) {
    const r = await killMidWrite();
    killed = r.signal === "SIGKILL";
  }
  assert.ok(killed, "the build finished before the kill three times: the kill test needs a larger mesh");
  const left = temporaries();
  assert.ok(left.length >= 1, `a kill mid-write leaves the staging folder: ${left.join(", ")}`);
  assert.is(readFileSync(join(out, "manifest.json"), "utf8"), previous, "the previous output is untouched");
  const next = await run("build", entry, "--out", out, "--checker", "none", "--no-validate");
  assert.is(next.code, 0, next.text);
  assert.equal(temporaries(), [], "the next build removed what the killed one left");
});

test("a temporary folder of a live build is never removed; once its writer is gone, it is", async () => {
  // A stand-in for a concurrent build: a live process whose pid names the temporary, as makeTemporaryFolder names ours.
  const writer = spawn("sleep", ["600"], { stdio: "ignore" });
  const live = makeTemporaryFolder(parent, "out", "new", writer.pid);
  writeFileSync(join(live, "half-written.yaml"), "x");
  assert.is((await run("build", entry, "--out", out, "--checker", "none", "--no-validate")).code, 0);
  assert.ok(existsSync(join(live, "half-written.yaml")), "a live writer's staging folder is left alone");
  const end = exited(writer);
  writer.kill("SIGKILL");
  await end;
  // The next build fails (a policy error), yet still removes the dead writer's leftovers.
  writeFileSync(entry, `${readFileSync(entry, "utf8")}\nconst = ;\n`);
  const failed = await run("build", entry, "--out", out, "--checker", "none", "--no-validate");
  assert.is(failed.code, 1, failed.text);
  assert.equal(temporaries(), []);
});

test("a build killed between its two renames: the next one puts the previous output back first", async () => {
  const previous = readFileSync(join(out, "manifest.json"), "utf8");
  // What a kill between "output → old" and "staging → output" leaves: no output, a dead writer's old and new.
  const writer = spawn("true", { stdio: "ignore" });
  await exited(writer);
  makeTemporaryFolder(parent, "out", "new", writer.pid);
  const old = makeTemporaryFolder(parent, "out", "old", writer.pid);
  rmSync(old, { recursive: true });
  renameSync(out, old);
  // The policy has an error (the previous test left it so): nothing is written, and the output is back.
  const r = await run("build", entry, "--out", out, "--checker", "none", "--no-validate");
  assert.is(r.code, 1, r.text);
  assert.is(readFileSync(join(out, "manifest.json"), "utf8"), previous);
  assert.equal(temporaries(), []);
});

test("another host's temporary (a shared folder) is left alone until it is a day old", () => {
  const fresh = join(parent, ".out.meshc-new-00000000-4242-abcdef");
  const stale = join(parent, ".out.meshc-new-00000000-4243-abcdef");
  const notOurs = join(parent, ".out.other-tool-4242");
  for (const dir of [fresh, stale, notOurs]) mkdirSync(dir);
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(stale, twoDaysAgo, twoDaysAgo);
  const { removed } = removeStaleTemporaries(parent, "out", true);
  assert.equal(removed, [".out.meshc-new-00000000-4243-abcdef"]);
  assert.ok(existsSync(fresh) && existsSync(notOurs));
  rmSync(fresh, { recursive: true });
  rmSync(notOurs, { recursive: true });
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
