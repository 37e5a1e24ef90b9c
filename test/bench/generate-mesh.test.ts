// The synthetic mesh generator: deterministic from its seed, the shape the benchmarks rely on, and a policy
// that meshc itself accepts without a single diagnostic (the real consumer: load, normalize, checks, tsc).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, REGISTRY_FILE, renderRegistry } from "../../compiler/api";
import { generateMesh, writeMesh } from "../../bench/generate";

test("the same options give the same bytes; another seed gives another mesh", () => {
  const a = generateMesh({ services: 300, seed: 7 });
  const b = generateMesh({ services: 300, seed: 7 });
  assert.equal([...a.files], [...b.files]);
  const c = generateMesh({ services: 300, seed: 8 });
  assert.not.equal([...a.files], [...c.files]);
});

test("an entry, one file per team (20 by default) and the registry rendered from the services", () => {
  const mesh = generateMesh({ services: 120 });
  const teams = [...mesh.files.keys()].filter((p) => p.startsWith("teams/"));
  assert.is(teams.length, 20);
  assert.is(mesh.entry, "mesh.ts");
  assert.ok(mesh.files.has("mesh.ts"));
  assert.is(mesh.files.get(REGISTRY_FILE), renderRegistry(mesh.services.map((s) => ({ name: s.name, versions: s.versions }))));
  assert.is(new Set(mesh.services.map((s) => s.name)).size, 120, "names are unique");
  assert.ok(mesh.services.every((s) => s.versions.length === 2));
  assert.ok(mesh.services.some((s) => s.name.includes("-")), "some names need svc[\"…\"]");
  assert.is(generateMesh({ services: 10, teams: 3 }).files.size, 5);
});

test("calls ≈ k per service, none to itself, no duplicates; a few hubs many call; allowFrom = callers", () => {
  const mesh = generateMesh({ services: 2000, calls: 5 });
  const byName = new Map(mesh.services.map((s) => [s.name, s]));
  let edges = 0;
  for (const s of mesh.services) {
    assert.not.ok(s.calls.includes(s.name), `${s.name} calls itself`);
    assert.is(new Set(s.calls).size, s.calls.length);
    for (const callee of s.calls) assert.ok(byName.get(callee)!.callers.includes(s.name), `${callee} does not allow ${s.name}`);
    edges += s.calls.length;
  }
  assert.is(mesh.services.reduce((n, s) => n + s.callers.length, 0), edges);
  const mean = edges / mesh.services.length;
  assert.ok(mean > 4.5 && mean < 5.5, `mean calls ${mean}`);
  const hubs = mesh.services.filter((s) => s.hub);
  assert.ok(hubs.length >= 5 && hubs.length <= 20, `${hubs.length} hubs`);
  assert.ok(hubs.every((h) => h.callers.length > 20 * mean), "hubs are called by many");
});

test("meshc accepts a generated mesh without a single diagnostic, and reads back the graph", async () => {
  const mesh = generateMesh({ services: 200, seed: 3 });
  const dir = mkdtempSync(join(tmpdir(), "meshc-generated-"));
  try {
    writeMesh(dir, mesh.files);
    const result = await build({ entry: join(dir, mesh.entry), checker: "tsc7", emit: false });
    assert.equal(result.diagnostics.map((d) => `${d.code} ${d.path ?? ""} ${d.message}`), []);
    const model = result.model!;
    assert.is(model.ipFamily, "ipv6");
    assert.is(model.zones.length, 3);
    assert.is(model.services.length, 200);
    assert.ok(model.drills.length > 0 && model.tests.length > 0);
    assert.ok(model.services.some((s) => s.routes.some((r) => r.destinations.length === 2)), "a weighted canary");
    for (const s of mesh.services) {
      const m = model.services.find((x) => x.name === s.name)!;
      assert.equal(m.calls, [...s.calls].sort());
      assert.equal(m.access.allowFrom, s.callers.length ? [...s.callers].sort() : null);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
