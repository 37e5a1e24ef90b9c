// `--out` fails closed (issue 15, item 1): a build replaces only a folder that is missing, empty or its own
// earlier output; anything else — a folder of the user's, `.`, `""`, the policy's folder or one above it, a
// file, $HOME — is exit 2 (MESH020) naming the path, with nothing touched. Through a symbolic link it writes
// where the link points. `meshc types` and `build --watch` follow the same rules where they write.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { main } from "../../compiler/cli/main";
import { watchBuild } from "../../compiler/cli/watch-command";
import { REGISTRY_FILE } from "../../compiler/typecheck";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-out-"));
const policy = join(scratch, "policy");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const entry = join(policy, "mesh.ts");
// A home folder of the test's own: were the refusal broken, the build would replace this one, not the runner's.
process.env.HOME = join(scratch, "home");
mkdirSync(process.env.HOME);
writeFileSync(join(process.env.HOME, ".profile"), "# mine\n");

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const build = (out: string, ...more: string[]) => run("build", entry, "--out", out, "--checker", "none", "--no-validate", ...more);

/** Every path under `dir` with its content ("<dir>" for folders, "-> x" for links): what "nothing touched" compares. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const key = relative(dir, p);
      if (e.isSymbolicLink()) files[key] = `-> ${readlinkSync(p)}`;
      else if (e.isDirectory()) {
        files[key] = "<dir>";
        walk(p);
      } else files[key] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return files;
}

function assertRefused(r: { code: number; err: string }, path: string) {
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /error MESH020 {2}refusing to replace /);
  assert.ok(r.err.includes(JSON.stringify(path).slice(1, -1)), `names ${path}: ${r.err}`);
  assert.not.match(r.err, /internal error/);
}

test("--out naming a user's non-empty folder is refused and its files survive", async () => {
  const notes = join(scratch, "notes");
  mkdirSync(join(notes, "sub"), { recursive: true });
  writeFileSync(join(notes, "todo.txt"), "keep me");
  writeFileSync(join(notes, "sub/x.md"), "and me");
  const before = snapshot(notes);
  assertRefused(await build(notes), notes);
  assert.equal(snapshot(notes), before);
});

test("--out . and --out \"\" (the working directory) are refused; the checkout is untouched", async () => {
  const cwd = process.cwd();
  const checkout = join(scratch, "checkout");
  mkdirSync(join(checkout, ".git"), { recursive: true });
  writeFileSync(join(checkout, ".git/HEAD"), "ref: refs/heads/main\n");
  const before = snapshot(checkout);
  process.chdir(checkout);
  try {
    assertRefused(await build("."), ".");
    const empty = await build("");
    assert.is(empty.code, 2, empty.err);
    assert.match(empty.err, /MESH020.*--out is empty/);
    // Even an empty working directory is the shell's: a build may not rename it away.
    const bare = join(scratch, "bare");
    mkdirSync(bare);
    process.chdir(bare);
    assertRefused(await build("."), ".");
    assert.ok(existsSync(bare));
  } finally {
    process.chdir(cwd);
  }
  assert.equal(snapshot(checkout), before);
});

test("--out naming the policy's folder or a folder above it is refused, even through a relative path", async () => {
  const before = snapshot(policy);
  assertRefused(await build(policy), policy);
  assertRefused(await build(scratch), scratch);
  assertRefused(await build(join(policy, "teams/..")), join(policy, "teams/.."));
  assert.equal(snapshot(policy), before);
});

test("--out naming an existing file, or $HOME, is refused", async () => {
  const file = join(scratch, "a-file");
  writeFileSync(file, "data");
  const r = await build(file);
  assertRefused(r, file);
  assert.match(r.err, /it is a file, not a folder/);
  assert.is(readFileSync(file, "utf8"), "data");
  assert.is(homedir(), process.env.HOME);
  const home = await build(homedir());
  assertRefused(home, homedir());
  assert.match(home.err, /home folder/);
  assert.is(readFileSync(join(homedir(), ".profile"), "utf8"), "# mine\n");
});

test("a user's file named manifest.json does not make a folder meshc's", async () => {
  const fake = join(scratch, "fake");
  mkdirSync(fake);
  writeFileSync(join(fake, "manifest.json"), '{ "name": "my-app", "version": "1.0.0" }\n');
  writeFileSync(join(fake, "app.js"), "console.log(1)");
  const before = snapshot(fake);
  const r = await build(fake);
  assertRefused(r, fake);
  assert.match(r.err, /not a meshc manifest/);
  // Even a copy of meshc's marker does not cover files the manifest does not list.
  writeFileSync(join(fake, "manifest.json"), '{ "meshc": 1, "files": [] }\n');
  const again = await build(fake);
  assertRefused(again, fake);
  assert.match(again.err, /holds "app\.js", which its manifest\.json does not list/);
  assert.equal(snapshot(fake), { ...before, "manifest.json": '{ "meshc": 1, "files": [] }\n' });
});

test("a missing folder, an empty folder and meshc's own earlier output are replaced", async () => {
  const missing = join(scratch, "deep/er/out");
  assert.is((await build(missing)).code, 0);
  assert.ok(existsSync(join(missing, "manifest.json")));
  const empty = join(scratch, "empty");
  mkdirSync(empty);
  assert.is((await build(empty)).code, 0);
  // Its own output, with a file the watch path may leave behind when killed mid-write.
  writeFileSync(join(missing, "model.json.meshc-new"), "half");
  const again = await build(missing);
  assert.is(again.code, 0, again.err);
  assert.not.ok(existsSync(join(missing, "model.json.meshc-new")));
  // A user's file added at the top of an output makes it the user's again.
  writeFileSync(join(missing, "my-notes.txt"), "mine");
  assertRefused(await build(missing), missing);
  assert.is(readFileSync(join(missing, "my-notes.txt"), "utf8"), "mine");
});

test("--out through a symbolic link writes where the link points; the link stays a link", async () => {
  const real = join(scratch, "real-out");
  mkdirSync(real);
  const link = join(scratch, "out-link");
  symlinkSync(real, link);
  for (let i = 0; i < 2; i++) {
    const r = await build(link);
    assert.is(r.code, 0, r.err);
    assert.ok(lstatSync(link).isSymbolicLink(), "still a link");
    assert.is(readlinkSync(link), real);
    assert.ok(statSync(join(real, "manifest.json")).isFile());
  }
  assert.equal(readdirSync(scratch).filter((n) => n.includes(".meshc-")), []);
  // A dangling link: the build creates the folder it points to.
  const dangling = join(scratch, "dangling-link");
  symlinkSync(join(scratch, "made-by-build"), dangling);
  assert.is((await build(dangling)).code, 0);
  assert.ok(lstatSync(dangling).isSymbolicLink());
  assert.ok(existsSync(join(scratch, "made-by-build/manifest.json")));
  // A link to a user's folder is refused like the folder itself.
  const notes = join(scratch, "linked-notes");
  mkdirSync(notes);
  writeFileSync(join(notes, "n.txt"), "n");
  const toNotes = join(scratch, "notes-link");
  symlinkSync(notes, toNotes);
  assertRefused(await build(toNotes), toNotes);
  assert.is(readFileSync(join(notes, "n.txt"), "utf8"), "n");
});

test("build --watch refuses a user's folder before it starts, and writes nothing", async () => {
  const notes = join(scratch, "watch-notes");
  mkdirSync(notes);
  writeFileSync(join(notes, "keep.txt"), "keep");
  const r = await build(notes, "--watch");
  assertRefused(r, notes);
  assert.equal(readdirSync(notes), ["keep.txt"]);
  // The watch's own first write checks too (for callers of watchBuild that skip the CLI).
  const errors: unknown[] = [];
  const stop = new AbortController();
  const watching = watchBuild({
    build: { entry, checker: "none", validate: false },
    out: notes,
    signal: stop.signal,
    onBuild: () => stop.abort(),
    onError: (error) => {
      errors.push(error);
      stop.abort();
    },
  });
  await watching;
  assert.is(errors.length, 1);
  assert.match(String(errors[0]), /refusing to replace/);
  assert.equal(readdirSync(notes), ["keep.txt"]);
});

test("meshc types replaces only its own meshc-env.d.ts, and writes through a link", async () => {
  const registry = join(policy, REGISTRY_FILE);
  const ok = await run("types", entry);
  assert.is(ok.code, 0, ok.err);
  const generated = readFileSync(registry, "utf8");
  writeFileSync(registry, "// my own declarations\nexport {};\n");
  const r = await run("types", entry);
  assert.is(r.code, 2);
  assert.match(r.err, /MESH020.*meshc-env\.d\.ts.*not written by meshc/);
  assert.is(readFileSync(registry, "utf8"), "// my own declarations\nexport {};\n");
  rmSync(registry);
  mkdirSync(registry);
  assert.is((await run("types", entry)).code, 2);
  rmSync(registry, { recursive: true });
  const elsewhere = join(scratch, "registry-target.d.ts");
  symlinkSync(elsewhere, registry);
  assert.is((await run("types", entry)).code, 0);
  assert.ok(lstatSync(registry).isSymbolicLink());
  assert.is(readFileSync(elsewhere, "utf8"), generated);
  assert.equal(readdirSync(policy).filter((n) => n.includes(".meshc-")), []);
  rmSync(registry);
  writeFileSync(registry, generated);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
