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

test("replaces the folder as a whole: stale files of the previous build disappear", () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  writeAtomically(out, withManifest([{ path: "stale.yaml", content: "old" }]));
  writeAtomically(out, withManifest([{ path: "a/b.txt", content: "B" }, { path: "c.txt", content: "C" }]));
  assert.equal(readdirSync(out).sort(), ["a", "c.txt", "manifest.json"]);
  assert.is(readFileSync(join(out, "a/b.txt"), "utf8"), "B");
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test("files with the same content are one inode; different content is not", () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  writeAtomically(out, [{ path: "a/lds.yaml", content: "same" }, { path: "b/lds.yaml", content: "same" }, { path: "c/lds.yaml", content: "other" }]);
  const ino = (p: string) => statSync(join(out, p)).ino;
  assert.is(ino("a/lds.yaml"), ino("b/lds.yaml"));
  assert.is.not(ino("a/lds.yaml"), ino("c/lds.yaml"));
  assert.is(readFileSync(join(out, "b/lds.yaml"), "utf8"), "same");
  rmSync(dir, { recursive: true });
});

test("an artifact path escaping the folder aborts before anything is replaced", () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-emit-"));
  const out = join(dir, "out");
  writeAtomically(out, withManifest([{ path: "keep.txt", content: "keep" }]));
  assert.throws(() => writeAtomically(out, [{ path: "ok.txt", content: "x" }, { path: "../evil.txt", content: "x" }]), /escapes the output folder/);
  assert.equal(readdirSync(out).sort(), ["keep.txt", "manifest.json"]);
  assert.equal(readdirSync(dir), ["out"]);
  rmSync(dir, { recursive: true });
});

test.run();
