// docs/diagnostics.md is generated (compiler/diagnostics/catalogue-doc.ts) from the code catalogue and real
// examples; this test fails when a code is missing or the page is stale. `MESHC_UPDATE_GOLDEN=1` rewrites it
// (refused when CI is set).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "../../compiler/build";
import { type CodeExample, renderCatalogueDoc } from "../../compiler/diagnostics/catalogue-doc";
import { WRITTEN_EXAMPLES } from "../../compiler/diagnostics/catalogue-examples";
import { codes } from "../../compiler/diagnostics/codes";
import { renderPretty } from "../../compiler/diagnostics/render-pretty";

const root = resolve(__dirname, "../..");
const docPath = join(root, "docs/diagnostics.md");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set");

/** The loader's fixtures that show a load-stage code quickly (the time and memory limits are written out instead). */
const LOAD_FIXTURES: Readonly<Record<string, string>> = {
  MESH001: "syntax-error",
  MESH002: "import-fs",
  MESH003: "import-outside",
  MESH004: "json-import",
  MESH005: "team-throw",
  MESH008: "not-a-mesh",
  MESH009: "process-env",
  MESH011: "function-value",
  MESH015: "nondeterministic-random",
};

async function examples(): Promise<Map<string, CodeExample>> {
  const out = new Map<string, CodeExample>(Object.entries(WRITTEN_EXAMPLES));
  const invalid = join(root, "test/fixtures/invalid");
  for (const name of readdirSync(invalid).sort()) {
    const baseline = join(invalid, name, "mesh.errors.txt");
    const code = name.slice(0, 7);
    if (existsSync(baseline) && !out.has(code)) out.set(code, { source: `test/fixtures/invalid/${name}`, text: readFileSync(baseline, "utf8") });
  }
  // The Istio cross-object checks concern generated objects, not policies: their fixtures are object sets.
  const objects = join(root, "test/fixtures/istio-objects");
  for (const name of readdirSync(objects).sort()) {
    const baseline = join(objects, name, "objects.errors.txt");
    const code = name.slice(0, 7);
    if (existsSync(baseline) && !out.has(code)) out.set(code, { source: `test/fixtures/istio-objects/${name}`, text: readFileSync(baseline, "utf8") });
  }
  for (const [code, name] of Object.entries(LOAD_FIXTURES)) {
    const dir = realpathSync(join(root, "test/fixtures/load", name));
    const result = await build({ entry: join(dir, "mesh.ts"), checker: "none", emit: false });
    const d = result.diagnostics.find((x) => x.code === code);
    // Messages may name absolute folders (MESH003 names the policy root): shown relative to the repository,
    // so the page is the same on every checkout.
    if (!d) continue;
    const text = renderPretty(d, (f) => result.sources.get(f), dir).split(`${realpathSync(root)}/`).join("").split(`${root}/`).join("");
    out.set(code, { source: `test/fixtures/load/${name}`, text });
  }
  return out;
}

test("docs/diagnostics.md is generated from the catalogue and is up to date", async () => {
  const text = renderCatalogueDoc(await examples());
  if (update) writeFileSync(docPath, text);
  assert.fixture(readFileSync(docPath, "utf8"), text);
});

test("every code of the catalogue has a section with an example", async () => {
  const doc = readFileSync(docPath, "utf8");
  const all = await examples();
  for (const code of Object.keys(codes)) {
    assert.ok(doc.includes(`\n### ${code}\n`), `${code} has a section`);
    assert.ok(all.has(code), `${code} has an example (a fixture under test/fixtures/invalid/${code}-*, or a written one)`);
  }
});

test.run();
