// The bundle half of the boundary: what a policy may import, and where the loader says it may not.
// Each case is a fixture under test/fixtures/load/<case>/ and must give exactly its code, at the import
// string (or the syntax error) in the author's file.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { load, type LoadResult } from "../../compiler/load";
import { at, fixture, FIXTURES, located } from "./fixture";

function failed(result: LoadResult): Extract<LoadResult, { ok: false }> {
  if (result.ok) throw new Error("the policy loaded, but it must not");
  return result;
}

async function expectOne(name: string, code: string, needle: string): Promise<Extract<LoadResult, { ok: false }>> {
  const result = failed(await load(fixture(name)));
  assert.equal(result.diagnostics.map((d) => d.code), [code], `${name}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  assert.is(located(result.diagnostics[0]!, result.sources), at(fixture(name), needle));
  assert.is(result.diagnostics[0]!.span!.length > 0, true, "the span covers the offending text");
  return result;
}

test("a syntax error is MESH001 at the token esbuild rejects", async () => {
  await expectOne("syntax-error", "MESH001", "});");
});

test('import "fs" is MESH002 at the import string', async () => {
  await expectOne("import-fs", "MESH002", '"fs"');
});

test('import "node:child_process" is MESH002', async () => {
  await expectOne("import-child-process", "MESH002", '"node:child_process"');
});

test('another package ("yaml", installed in this repo) is MESH002', async () => {
  await expectOne("import-package", "MESH002", '"yaml"');
});

test('import "../outside" is MESH003, and the file outside is never read', async () => {
  const result = await expectOne("import-outside", "MESH003", '"../outside"');
  assert.not.ok(result.sources.has(join(FIXTURES, "outside.ts")));
});

test("a symbolic link to a file outside the root is MESH003, and its target is never read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-load-"));
  try {
    const root = join(dir, "policy");
    cpSync(join(FIXTURES, "symlink-outside"), root, { recursive: true });
    // Outside the root, with a syntax error: reading or bundling it would show as MESH001.
    const secret = join(dir, "secret.ts");
    writeFileSync(secret, "export const zones = [ this is not TypeScript\n");
    mkdirSync(join(root, "teams"));
    symlinkSync(secret, join(root, "teams", "linked.ts"));
    const result = failed(await load(join(root, "mesh.ts")));
    assert.equal(result.diagnostics.map((d) => d.code), ["MESH003"]);
    assert.is(located(result.diagnostics[0]!, result.sources, dir), at(join(root, "mesh.ts"), '"./teams/linked"', 0, dir));
    assert.equal([...result.sources.keys()], [join(root, "mesh.ts")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a .json import is MESH004", async () => {
  await expectOne("json-import", "MESH004", '"./zones.json"');
});

test("every rejected import is reported, each at its own import string, in source order", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-load-"));
  try {
    const entry = join(dir, "mesh.ts");
    writeFileSync(join(dir, "notes.txt"), "not source\n");
    writeFileSync(
      entry,
      [
        'import { defineMesh } from "meshc";',
        'import { readFileSync } from "node:fs";',
        'import notes from "./notes.txt";',
        'import { zones } from "/etc/zones";',
        'import * as missing from "./teams/missing";',
        "export default defineMesh({ name: String(readFileSync) + notes, ipFamily: \"ipv6\", zones, services: [missing] });",
        "",
      ].join("\n"),
    );
    const result = failed(await load(entry));
    assert.equal(result.diagnostics.map((d) => d.code), ["MESH002", "MESH004", "MESH003", "MESH002"]);
    assert.equal(
      result.diagnostics.map((d) => located(d, result.sources, dir)),
      ['"node:fs"', '"./notes.txt"', '"/etc/zones"', '"./teams/missing"'].map((needle) => at(entry, needle, 0, dir)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a policy may import its own files: .js names the .ts source, folders their index", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-load-"));
  try {
    const entry = join(dir, "mesh.ts");
    writeFileSync(join(dir, "zones.ts"), 'export const zones = ["z1", "z2"];\n');
    cpSync(join(FIXTURES, "team-throw", "teams"), join(dir, "teams"), { recursive: true });
    writeFileSync(join(dir, "teams", "index.ts"), 'import { service } from "meshc";\nexport const edge = service("edge", { namespace: "edge", ports: { http: 80 } });\n');
    writeFileSync(entry, 'import { defineMesh } from "meshc";\nimport { zones } from "./zones.js";\nimport * as teams from "./teams";\nexport default defineMesh({ name: "ok", ipFamily: "ipv6", zones, services: [teams] });\n');
    const result = await load(entry);
    assert.ok(result.ok, result.ok ? "" : result.diagnostics.map((d) => d.message).join("; "));
    if (!result.ok) return;
    assert.equal(result.files, [entry, join(dir, "teams", "index.ts"), join(dir, "zones.ts")]);
    assert.ok(JSON.stringify(result.mesh).includes('{"$kind":"service","name":"edge"'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("paths are reported as the caller named the policy's folder, even through a link to it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-load-"));
  try {
    cpSync(join(FIXTURES, "function-value"), join(dir, "real"), { recursive: true });
    symlinkSync(join(dir, "real"), join(dir, "named"));
    const entry = join(dir, "named", "mesh.ts");
    const result = failed(await load(entry));
    assert.equal([...result.sources.keys()], [entry, join(dir, "named", "teams", "shop.ts")]);
    assert.is(result.diagnostics[0]!.span!.file, entry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an entry that is a link to a file outside its folder is MESH003", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-load-"));
  try {
    mkdirSync(join(dir, "policy"));
    cpSync(fixture("not-a-mesh"), join(dir, "elsewhere.ts"));
    symlinkSync(join(dir, "elsewhere.ts"), join(dir, "policy", "mesh.ts"));
    const result = failed(await load(join(dir, "policy", "mesh.ts")));
    assert.equal(result.diagnostics.map((d) => d.code), ["MESH003"]);
    assert.is(result.sources.size, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
