import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { writeAtomically } from "../../compiler/emit/atomic-write";
import { manifestOf } from "../../compiler/emit/manifest";
import { OutputError } from "../../compiler/emit/output-error";
import { StagedWrite } from "../../compiler/emit/staged-write";
import type { Artifact } from "../../targets/target";

const withManifest = (artifacts: Artifact[]) => [...artifacts, manifestOf(artifacts)];

/** Every file under `root`: its content, and which earlier path (if any) it shares its inode with. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const firstByInode = new Map<number, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const rel = relative(root, full);
        const ino = statSync(full).ino;
        const first = firstByInode.get(ino);
        if (first === undefined) firstByInode.set(ino, rel);
        out[rel] = `${readFileSync(full, "utf8")}${first === undefined ? "" : ` (a link of ${first})`}`;
      }
    }
  };
  walk(root);
  return out;
}

/** A build's worth of artifacts: nested folders, contents repeated across paths, multi-byte text. */
function someArtifacts(n: number): Artifact[] {
  return Array.from({ length: n }, (_, i) => ({ path: `s${i % 11}/z${i % 3}/${i}.yaml`, content: `content ${i % 13} é ✓\n`.repeat(1 + (i % 5)) }));
}

function pieces<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const fresh = () => mkdtempSync(join(tmpdir(), "meshc-staged-"));

test("staged in pieces and committed, the output is the one writeAtomically writes, links included, and replaces the previous one", async () => {
  const dir = fresh();
  const artifacts = withManifest(someArtifacts(500));
  await writeAtomically(join(dir, "reference"), artifacts);
  await writeAtomically(join(dir, "out"), withManifest([{ path: "stale.yaml", content: "old" }]));
  const staged = StagedWrite.open(join(dir, "out"));
  for (const piece of pieces(artifacts.slice(0, -1), 37)) staged.stage(piece);
  await staged.commit(artifacts);
  assert.equal(tree(join(dir, "out")), tree(join(dir, "reference")));
  assert.equal(readdirSync(dir).sort(), ["out", "reference"]);
  rmSync(dir, { recursive: true });
});

test("a large batch after many small ones is written whole", async () => {
  const dir = fresh();
  const small = someArtifacts(300);
  const big = { path: "big/kustomization.yaml", content: "x: y\n".repeat(400_000) };
  const artifacts = withManifest([...small, big]);
  const staged = StagedWrite.open(join(dir, "out"));
  for (const a of small) staged.stage([a]);
  staged.stage([big]);
  await staged.commit(artifacts);
  assert.is(readFileSync(join(dir, "out", big.path), "utf8"), big.content);
  await writeAtomically(join(dir, "reference"), artifacts);
  assert.equal(tree(join(dir, "out")), tree(join(dir, "reference")));
  rmSync(dir, { recursive: true });
});

test("a thread that falls behind holds back the batches: no more than the bound is encoded and away at once", async () => {
  const dir = fresh();
  const big = Array.from({ length: 120 }, (_, i) => ({ path: `big/${i}.yaml`, content: `${i}: ${"x".repeat(100_000)}\n` }));
  const artifacts = withManifest(big);
  const staged = StagedWrite.open(join(dir, "out"), { maxAwayBytes: 512 * 1024 });
  // One call after another without an event-loop turn, as the targets stage pieces.
  for (const a of big) staged.stage([a]);
  assert.ok(staged.mostAway <= 512 * 1024 + 100_010, `at most the bound and one batch away: ${staged.mostAway}`);
  await staged.commit(artifacts);
  assert.ok(staged.mostAway <= 512 * 1024 + 100_010, `also while committing: ${staged.mostAway}`);
  await writeAtomically(join(dir, "reference"), artifacts);
  assert.equal(tree(join(dir, "out")), tree(join(dir, "reference")));
  rmSync(dir, { recursive: true });
});

test("aborted, nothing is written: the previous output stays and no temporary is left", async () => {
  const dir = fresh();
  await writeAtomically(join(dir, "out"), withManifest([{ path: "keep.txt", content: "keep" }]));
  const staged = StagedWrite.open(join(dir, "out"));
  staged.stage(someArtifacts(200));
  await staged.abort();
  assert.equal(readdirSync(join(dir, "out")).sort(), ["keep.txt", "manifest.json"]);
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("the output is the result whatever was staged: other content at a path, or a path the result does not hold", async () => {
  for (const result of [
    (staged: Artifact[]) => staged.map((a, i) => (i === 7 ? { ...a, content: "changed after staging\n" } : a)),
    (staged: Artifact[]) => staged.filter((_, i) => i !== 3),
  ]) {
    const dir = fresh();
    const stagedArtifacts = someArtifacts(120);
    const artifacts = withManifest(result(stagedArtifacts));
    const staged = StagedWrite.open(join(dir, "out"));
    staged.stage(stagedArtifacts);
    await staged.commit(artifacts);
    await writeAtomically(join(dir, "reference"), artifacts);
    assert.equal(tree(join(dir, "out")), tree(join(dir, "reference")));
    assert.equal(readdirSync(dir).sort(), ["out", "reference"]);
    rmSync(dir, { recursive: true });
  }
});

test("a write the file system refuses (a file where a folder must be) fails the commit with MESH021: the previous output stays", async () => {
  const dir = fresh();
  await writeAtomically(join(dir, "out"), withManifest([{ path: "keep.txt", content: "keep" }]));
  const artifacts = withManifest([...someArtifacts(50), { path: "a", content: "a file" }, { path: "a/b", content: "under a file" }]);
  const staged = StagedWrite.open(join(dir, "out"));
  staged.stage(artifacts.slice(0, -1));
  await staged.commit(artifacts).then(
    () => assert.unreachable("the commit should fail"),
    (error: unknown) => {
      assert.ok(error instanceof OutputError, String(error));
      assert.is(error.code, "MESH021");
    },
  );
  assert.equal(readdirSync(join(dir, "out")).sort(), ["keep.txt", "manifest.json"]);
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("a path escaping the folder is refused when staged, and nothing is written", async () => {
  const dir = fresh();
  const staged = StagedWrite.open(join(dir, "out"));
  assert.throws(() => staged.stage([{ path: "../evil.txt", content: "x" }]), /escapes the output folder/);
  await staged.abort();
  assert.equal(readdirSync(dir), []);
  rmSync(dir, { recursive: true });
});

test("opening refuses a folder that is not meshc's, before anything is made", () => {
  const dir = fresh();
  assert.throws(() => StagedWrite.open(dir, { protect: [dir] }), (error: unknown) => error instanceof OutputError && error.code === "MESH020");
  assert.equal(readdirSync(dir), []);
  rmSync(dir, { recursive: true });
});

test.run();
