// The DSL's types at scale: a generated 3 000-service, 20-team policy type-checks clean under both checkers —
// in particular no TS2589 ("type instantiation is excessively deep"), which is what a generic inferred over
// the whole mesh runs into (DESIGN.md). Speed is measured in bench/types, never asserted here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/build";
import { type Checker, REGISTRY_FILE, typecheck } from "../../compiler/typecheck";

const SERVICES = 3000;
const mesh = generateMesh({ services: SERVICES, teams: 20, seed: 1 });
const dir = mkdtempSync(join(tmpdir(), "meshc-scale-"));
const written = writeMesh(dir, mesh.files);
const entry = join(dir, mesh.entry);
const files = [entry, ...written.filter((f) => f !== entry && !f.endsWith(REGISTRY_FILE))];

test("the generated policy is what the test means", () => {
  assert.is(mesh.services.length, SERVICES);
  assert.is(files.length, 21);
  const references = mesh.services.reduce((n, s) => n + s.calls.length + s.callers.length, 0);
  assert.ok(references > 8 * SERVICES, `${references} svc references`);
});

for (const checker of ["tsc7", "ts6"] as const satisfies readonly Checker[]) {
  test(`${checker}: ${SERVICES} services over 20 team files type-check clean`, async () => {
    const diagnostics = await typecheck({ root: dir, files, registry: mesh.files.get(REGISTRY_FILE)!, checker });
    assert.not.ok(diagnostics.some((d) => d.code === "TS2589"), "TS2589: type instantiation excessively deep");
    assert.equal(diagnostics.slice(0, 10).map((d) => `${d.code} ${d.span?.file ?? ""} ${d.message}`), []);
  });
}

test(`${SERVICES} services build: loaded in the sandbox, normalized, every check passes, every target runs`, async () => {
  // Envoy validation and the write are left out to keep the suite quick; the example's build covers them,
  // and bench/ measures all of it at this size.
  const result = await build({ entry, checker: "none", validate: false });
  assert.equal(result.diagnostics.slice(0, 10).map((d) => `${d.code} ${d.path ?? ""} ${d.message}`), []);
  assert.is(result.model?.services.length, SERVICES);
  const envoyFiles = result.artifacts!.filter((a) => a.path.startsWith("envoy/")).length;
  assert.is(envoyFiles, SERVICES * 3 * 4, "bootstrap, lds, cds and bootstrap-xds per service and zone (its versions share them)");
  assert.ok(result.artifacts!.some((a) => a.path === "manifest.json"));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
