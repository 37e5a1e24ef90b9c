// test/fixtures/invalid/<code>-<name>/: one policy per code, each failing with exactly that code at the
// file:line:col its expect.json names (written from the fixture's text, not from meshc's output), and
// rendering to its reviewed `mesh.errors.txt` baseline. `MESHC_UPDATE_GOLDEN=1` rewrites the baselines and
// each fixture's meshc-env.d.ts (refused when CI is set, so CI never blesses its own output).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { build } from "../../compiler/build";
import { positionOf } from "../../compiler/diagnostics/position";
import { renderPretty } from "../../compiler/diagnostics/render-pretty";
import { REGISTRY_FILE } from "../../compiler/typecheck";
import type { IstioApi } from "../../targets/target";

const fixtures = resolve(__dirname, "../fixtures");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set: CI must not bless its own output");

interface Expectation {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly drills?: readonly string[];
  /** For the Istio findings that depend on the API version a build writes (MESH86x). */
  readonly istioApi?: IstioApi;
  /** For the findings of a delivery mode (MESH05x). */
  readonly delivery?: "files" | "xds";
}

async function run(root: string, drills: readonly string[] = [], istioApi?: IstioApi, delivery?: "files" | "xds") {
  const entry = join(root, "mesh.ts");
  if (update) {
    const first = await build({ entry, checker: "none", emit: false, drills, istioApi, delivery });
    if (first.registry) writeFileSync(join(root, REGISTRY_FILE), first.registry);
  }
  return build({ entry, checker: "none", emit: false, drills, istioApi, delivery });
}

test("the fixtures' base policy passes every check", async () => {
  const result = await run(realpathSync(join(fixtures, "valid/checks-base")));
  assert.equal(result.diagnostics.map((d) => `${d.code} ${d.message}`), []);
});

const names = readdirSync(join(fixtures, "invalid")).filter((n) => existsSync(join(fixtures, "invalid", n, "expect.json"))).sort();

test("there is an invalid fixture for every check code", () => {
  assert.ok(names.length >= 40, `found ${names.length} fixtures`);
});

for (const name of names) {
  test(name, async () => {
    const root = realpathSync(join(fixtures, "invalid", name));
    const expected = JSON.parse(readFileSync(join(root, "expect.json"), "utf8")) as Expectation;
    assert.ok(name.startsWith(`${expected.code}-`), "the folder is named for its code");
    const result = await run(root, expected.drills, expected.istioApi, expected.delivery);
    const sources = (file: string) => result.sources.get(file);
    const rendered = result.diagnostics.map((d) => renderPretty(d, sources, root)).join("\n");
    const baseline = join(root, "mesh.errors.txt");
    if (update) writeFileSync(baseline, rendered);

    assert.equal([...new Set(result.diagnostics.map((d) => d.code))], [expected.code], rendered);
    const located = result.diagnostics.map((d) => {
      if (!d.span) return "no span";
      const { line, column } = positionOf(sources(d.span.file) ?? "", d.span.start);
      return `${relative(root, d.span.file)}:${line}:${column}`;
    });
    assert.ok(located.includes(`${expected.file}:${expected.line}:${expected.column}`), `expected ${expected.file}:${expected.line}:${expected.column}, got ${located.join(", ")}`);
    assert.fixture(rendered, readFileSync(baseline, "utf8"));
  });
}

test.run();
