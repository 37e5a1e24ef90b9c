// Environment failures while writing the output (issue 15, item 11) are one clear line naming the path and
// the operating system's reason, exit 2 (MESH021), never "internal error", and the previous output stays as it
// was. Real file systems, not mocks: a tmpfs remounted read-only (EROFS), a full tmpfs (ENOSPC), a folder the
// build's user may not write (EACCES, the CLI run as an unprivileged user: root ignores permissions), and a
// path through a file (EEXIST). The mounts are removed in teardown.
import { test as base } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { main } from "../../compiler/cli/main";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-env-"));
chmodSync(scratch, 0o755);
const policy = join(scratch, "policy");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const entry = join(policy, "mesh.ts");
const mounts: string[] = [];

/** These tests need root (mount, another uid): skipped with the reason without it, and a failure under CI, like the kernel tests. */
function rootSuite() {
  const probe = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", scratch], { encoding: "utf8" });
  if (probe.status === 0) {
    spawnSync("umount", [scratch]);
    return base;
  }
  const reason = `cannot mount a tmpfs (${(probe.stderr ?? "").trim() || "no mount"})`;
  if (process.env.CI) {
    base("the file-system failure tests can run in CI", () => {
      throw new Error(`CI must run them, but ${reason}`);
    });
  } else console.log(`SKIPPED file-system failure tests: ${reason}`);
  return base.skip as unknown as typeof base;
}
const test = rootSuite();

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const build = (out: string) => run("build", entry, "--out", out, "--checker", "none", "--no-validate");

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return files;
}

function sh(...argv: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr ?? "" };
}

/** A fresh tmpfs of `size`; null (and the reason) where this machine cannot mount one. */
function tmpfs(name: string, size: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  const r = sh("mount", "-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", dir);
  if (r.status !== 0) throw new Error(`cannot mount a tmpfs (root is needed): ${r.stderr.trim()}`);
  mounts.push(dir);
  return dir;
}

/** One line, naming the path, the OS's reason and its code; exit 2; no internal error. */
function assertEnvironmentError(r: { code: number; err: string }, path: string, reason: RegExp, errno: string) {
  assert.is(r.code, 2, r.err);
  assert.is(r.err.trimEnd().split("\n").length, 1, `one line: ${r.err}`);
  assert.match(r.err, /^meshc {2}error MESH021 {2}cannot write /);
  assert.ok(r.err.includes(path), `names ${path}: ${r.err}`);
  assert.match(r.err, reason);
  assert.ok(r.err.includes(`(${errno})`), r.err);
  assert.not.match(r.err, /internal error/);
}

test("a read-only file system (EROFS): one line with the path and the reason, exit 2, output untouched", async () => {
  const mnt = tmpfs("ro", "8m");
  const out = join(mnt, "out");
  assert.is((await build(out)).code, 0);
  const before = snapshot(out);
  assert.is(sh("mount", "-o", "remount,ro", mnt).status, 0);
  assertEnvironmentError(await build(out), mnt, /read-only file system/, "EROFS");
  assert.equal(snapshot(out), before);
});

test("a full disk (ENOSPC): one line, exit 2, the previous output untouched and no temporary left", async () => {
  const mnt = tmpfs("full", "4m");
  const out = join(mnt, "out");
  assert.is((await build(out)).code, 0);
  const before = snapshot(out);
  // Fill what is left, so the next build's staging folder cannot be written.
  const filler = Buffer.alloc(64 * 1024, 1);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(mnt, `filler-${i}`), filler);
    } catch {
      break;
    }
  }
  assertEnvironmentError(await build(out), mnt, /no space left on device/, "ENOSPC");
  assert.equal(snapshot(out), before);
  assert.equal(readdirSync(mnt).filter((n) => n.includes(".meshc-")), []);
});

test("a folder the build's user may not write (EACCES): one line, exit 2", () => {
  const locked = join(scratch, "locked");
  mkdirSync(locked, { mode: 0o755 }); // root's; the CLI below runs as nobody
  const r = spawnSync(process.execPath, [join(root, "bin/meshc.js"), "build", entry, "--out", join(locked, "out"), "--checker", "none", "--no-validate"], {
    encoding: "utf8",
    uid: 65534,
    gid: 65534,
    env: { ...process.env, HOME: scratch },
    cwd: scratch,
  });
  assertEnvironmentError({ code: r.status ?? -1, err: r.stderr }, locked, /permission denied/, "EACCES");
  assert.equal(readdirSync(locked), []);
});

test("--out through a file (EEXIST): one line naming the file, exit 2", async () => {
  const file = join(scratch, "a-file");
  writeFileSync(file, "data");
  assertEnvironmentError(await build(join(file, "out")), file, /file already exists/, "EEXIST");
  assert.is(readFileSync(file, "utf8"), "data");
});

base.after(() => {
  for (const m of mounts.reverse()) sh("umount", "-l", m);
  rmSync(scratch, { recursive: true, force: true });
});
base.run();
