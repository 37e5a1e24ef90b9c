// The manifest a deploy verifies what it ships with: each file's sha256 and size, checked here by sha256sum on the
// written folder, with files that share their content (written once and hard-linked).
import { test } from "uvu";
import fc from "fast-check";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAtomically } from "../../compiler/emit/atomic-write";
import { type Digest, digestOf, type Manifest, manifestOf } from "../../compiler/emit/manifest";
import type { Artifact } from "../../targets/target";

const shared = "static_resources:\n  listeners: []\n";
const artifacts: Artifact[] = [
  { path: "envoy/zone-a/orders/lds.yaml", content: shared },
  { path: "envoy/zone-b/orders/lds.yaml", content: shared },
  { path: "envoy/zone-a/orders/cds.yaml", content: "resources: []\n" },
  { path: "capture/orders/init.sh", content: "#!/bin/sh\necho 'ünïcode'\n" },
  { path: "empty.txt", content: "" },
  { path: "envoy/zone-c/orders/lds.yaml", content: shared },
];

test("sha256sum agrees with every entry of the written folder, hard links included", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-manifest-"));
  try {
    const manifest = manifestOf(artifacts);
    const parsed = JSON.parse(manifest.content) as Manifest;
    assert.equal(parsed.files.map((f) => f.path), artifacts.map((a) => a.path).sort());
    const out = join(dir, "out");
    await writeAtomically(out, [...artifacts, manifest]);
    const check = parsed.files.map((f) => `${f.sha256}  ${f.path}`).join("\n") + "\n";
    const said = execFileSync("sha256sum", ["--check", "--strict", "-"], { cwd: out, input: check, encoding: "utf8" });
    assert.equal(said.trim().split("\n").length, artifacts.length);
    for (const f of parsed.files) assert.equal(statSync(join(out, f.path)).size, f.bytes, f.path);
    assert.equal(statSync(join(out, "envoy/zone-a/orders/lds.yaml")).ino, statSync(join(out, "envoy/zone-c/orders/lds.yaml")).ino, "equal contents are one file");
    assert.equal(readFileSync(join(out, "manifest.json"), "utf8"), manifest.content);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the text is what hashing every file on its own gives (sorted by path, two-space JSON, a final newline)", () => {
  const files = [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((a) => ({ path: a.path, sha256: createHash("sha256").update(Buffer.from(a.content, "utf8")).digest("hex"), bytes: Buffer.from(a.content, "utf8").length }));
  assert.equal(manifestOf(artifacts).content, JSON.stringify({ meshc: 1, files }, null, 2) + "\n");
});

/** The manifest as written before entries were kept: every file hashed, sorted by path, JSON.stringify'd whole. */
function reference(list: readonly Artifact[]): string {
  const files = [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((a) => ({ path: a.path, ...digestOf(a) }));
  return JSON.stringify({ meshc: 1, files }, null, 2) + "\n";
}

const hostilePath = fc.oneof(fc.constantFrom("a", "b/c", "é", "😀", "\ud800", '"', "\\", "\n", "\u2028", "a b", "z", "A", ""), fc.string({ unit: "binary", maxLength: 8 }));
const artifactList = fc.array(fc.record({ path: hostilePath, content: fc.constantFrom("", "x", "x\n", "ünï", "same") }), { maxLength: 8 });

test("property: across calls with kept digests, as an incremental build makes them (paths reordered, repeated, added, removed; contents changed), the text is the reference's", () => {
  const kept = new WeakMap<Artifact, Digest>();
  const digest = (a: Artifact) => {
    let d = kept.get(a);
    if (!d) kept.set(a, (d = digestOf(a)));
    return d;
  };
  let last: Artifact[] = [];
  fc.assert(
    fc.property(artifactList, fc.array(fc.nat(), { maxLength: 4 }), (fresh, keep) => {
      // Some artifacts of the previous call, as the same objects, beside new ones.
      const list = [...keep.flatMap((k) => (last.length ? [last[k % last.length]!] : [])), ...fresh];
      assert.is(manifestOf(list, digest).content, reference(list));
      assert.is(manifestOf(list, digest).content, reference(list), "the same list twice");
      assert.is(manifestOf(list).content, reference(list), "with digests by content");
      last = list;
    }),
    { numRuns: 500 },
  );
  assert.is(manifestOf([]).content, reference([]));
});

test.run();
