// The import rules on their own, over a small tree made in a temp folder: what resolves, and the code of
// each refusal.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decidePolicyImport, isInside } from "../../compiler/load/import-rules";

const dir = realpathSync(mkdtempSync(join(tmpdir(), "meshc-rules-")));
const root = join(dir, "policy");
const importer = join(root, "mesh.ts");
mkdirSync(join(root, "teams", "shop"), { recursive: true });
for (const file of ["mesh.ts", "zones.ts", "legacy.cjs", "teams/shop/index.ts", "data.json", "notes"]) writeFileSync(join(root, file), "");
writeFileSync(join(dir, "outside.ts"), "");
symlinkSync(join(root, "zones.ts"), join(root, "alias.ts"));
symlinkSync(join(root, "data.json"), join(root, "data.ts"));
symlinkSync(join(dir, "outside.ts"), join(root, "escape.ts"));
symlinkSync(dir, join(root, "parent"));

function decide(specifier: string, attributes?: Record<string, string>): string {
  const d = decidePolicyImport(specifier, importer, root, attributes);
  return d.ok ? d.path.slice(root.length + 1) : d.code;
}

test("relative source files resolve the way TypeScript's bundler resolution does", () => {
  assert.is(decide("./zones"), "zones.ts");
  assert.is(decide("./zones.ts"), "zones.ts");
  assert.is(decide("./zones.js"), "zones.ts");
  assert.is(decide("./legacy.cjs"), "legacy.cjs");
  assert.is(decide("./teams/shop"), "teams/shop/index.ts");
  assert.is(decide("./alias"), "zones.ts", "a link inside the root resolves to its target");
});

test("packages, built-ins and URLs are MESH002, as is a file that does not exist", () => {
  for (const specifier of ["fs", "fs/promises", "node:fs", "node:test", "yaml", "@pulumi/pulumi", "meshc/brand", "https://example.com/x.js", "data:text/javascript,1", "./missing", "./teams"]) {
    assert.is(decide(specifier), "MESH002", specifier);
  }
});

test("anything outside the root is MESH003: ../, absolute paths, links to files or folders outside", () => {
  for (const specifier of ["../outside", "../outside.ts", join(dir, "outside.ts"), join(root, "zones.ts"), "file:///etc/passwd", "./escape", "./parent/outside.ts", "./teams/../../outside"]) {
    assert.is(decide(specifier), "MESH003", specifier);
  }
});

test("data and other languages are MESH004, whether named directly, reached through a link, or imported with attributes", () => {
  for (const specifier of ["./data.json", "./zones.txt", "./addon.node", "./page.tsx", "./notes", "./data"]) {
    assert.is(decide(specifier), "MESH004", specifier);
  }
  assert.is(decide("./zones", { type: "json" }), "MESH004");
});

test("isInside is strict and not fooled by names that start with ..", () => {
  assert.ok(isInside("/a/b", "/a/b/c.ts"));
  assert.ok(isInside("/a/b", "/a/b/..c.ts"));
  assert.not.ok(isInside("/a/b", "/a/b"));
  assert.not.ok(isInside("/a/b", "/a/bc/d.ts"));
  assert.not.ok(isInside("/a/b", "/a/c.ts"));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
