import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAtomically } from "../../compiler/emit/atomic-write";
import { manifestOf } from "../../compiler/emit/manifest";
import type { Artifact } from "../../targets/target";

/** A build's artifacts as the CLI writes them: with meshc's manifest, which marks the folder as meshc's. */
const withManifest = (artifacts: Artifact[]) => [...artifacts, manifestOf(artifacts)];

test("replaces the folder as a whole: stale files of the previous build disappear", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  await writeAtomically(out, withManifest([{ path: "stale.yaml", content: "old" }]));
  await writeAtomically(out, withManifest([{ path: "a/b.txt", content: "B" }, { path: "c.txt", content: "C" }]));
  assert.equal(readdirSync(out).sort(), ["a", "c.txt", "manifest.json"]);
  assert.is(readFileSync(join(out, "a/b.txt"), "utf8"), "B");
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("files with the same content are one inode; different content is not", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  await writeAtomically(out, [{ path: "a/lds.yaml", content: "same" }, { path: "b/lds.yaml", content: "same" }, { path: "c/lds.yaml", content: "other" }]);
  const ino = (p: string) => statSync(join(out, p)).ino;
  assert.is(ino("a/lds.yaml"), ino("b/lds.yaml"));
  assert.is.not(ino("a/lds.yaml"), ino("c/lds.yaml"));
  assert.is(readFileSync(join(out, "b/lds.yaml"), "utf8"), "same");
  rmSync(dir, { recursive: true });
});

test("an artifact path escaping the folder aborts before anything is replaced", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  await writeAtomically(out, withManifest([{ path: "keep.txt", content: "keep" }]));
  await writeAtomically(out, [{ path: "ok.txt", content: "x" }, { path: "../evil.txt", content: "x" }]).then(
    () => assert.unreachable("the write should fail"),
    (error: Error) => assert.match(error.message, /escapes the output folder/),
  );
  assert.equal(readdirSync(out).sort(), ["keep.txt", "manifest.json"]);
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("a write failing part-way (a file where a folder must be) leaves the previous output and no temporaries", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  await writeAtomically(out, withManifest([{ path: "keep.txt", content: "keep" }]));
  const many = Array.from({ length: 200 }, (_, i) => ({ path: `f/${i}.txt`, content: String(i % 7) }));
  await writeAtomically(out, [...many, { path: "a", content: "a file" }, { path: "a/b", content: "under a file" }]).then(
    () => assert.unreachable("the write should fail"),
    (error: Error) => assert.match(error.message, /MESH021|EEXIST|EISDIR|ENOTDIR/),
  );
  assert.equal(readdirSync(out).sort(), ["keep.txt", "manifest.json"]);
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("many files in nested folders: every path holds its content, and each content is one inode", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  const artifacts = Array.from({ length: 600 }, (_, i) => ({ path: `s${i % 13}/z${i % 3}/v${i % 5}/${i}.yaml`, content: `content ${i % 17}\n` }));
  await writeAtomically(out, withManifest(artifacts));
  const inodeOf = new Map<string, number>();
  for (const a of artifacts) {
    const file = join(out, a.path);
    assert.is(readFileSync(file, "utf8"), a.content, a.path);
    const ino = statSync(file).ino;
    const seen = inodeOf.get(a.content);
    if (seen === undefined) inodeOf.set(a.content, ino);
    else assert.is(ino, seen, `${a.path} is a link to the first file with its content`);
  }
  assert.is(new Set(inodeOf.values()).size, 17);
  rmSync(dir, { recursive: true });
});

test.run();
