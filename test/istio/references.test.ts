// Cross-object checks (compiler/validate/istio-references): the target's own output passes them in every API
// version; each hand-broken object set under test/fixtures/istio-objects/<code>-<name>/ fails with exactly its
// code, rendered to its reviewed objects.errors.txt baseline (`MESHC_UPDATE_GOLDEN=1` rewrites them); and a
// build whose Istio output breaks one writes nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "../../compiler/build";
import { renderPretty } from "../../compiler/diagnostics/render-pretty";
import { checkIstioReferences } from "../../compiler/validate/istio-references";
import { istioTarget } from "../../targets/istio";
import type { Target } from "../../targets/target";
import { ISTIO_APIS } from "../../targets/target";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "./generated-model";

const fixtures = resolve(__dirname, "../fixtures/istio-objects");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set");

test("the example's and a generated mesh's output pass every cross-object check, in every API version, drills on", async () => {
  for (const model of [await exampleModel(), await generatedModel()]) {
    for (const istioApi of ISTIO_APIS) {
      const artifacts = istioTarget.build(model, { drills: model.drills.map((d) => d.name), istioApi });
      assert.equal(checkIstioReferences(artifacts).map((d) => d.message), []);
    }
  }
});

const names = readdirSync(fixtures).sort();

test("there is a fixture for every cross-object code", () => {
  assert.equal(names.map((n) => n.slice(0, 7)), ["MESH870", "MESH871", "MESH872", "MESH873"]);
});

for (const name of names) {
  test(name, () => {
    const path = "istio/zone-a/objects.yaml";
    const text = readFileSync(join(fixtures, name, "objects.yaml"), "utf8");
    const found = checkIstioReferences([{ path, content: text }]);
    const rendered = found.map((d) => renderPretty(d, (f) => (f === path ? text : undefined))).join("\n");
    const baseline = join(fixtures, name, "objects.errors.txt");
    if (update) writeFileSync(baseline, rendered);
    assert.equal([...new Set(found.map((d) => d.code))], [name.slice(0, 7)], rendered);
    assert.fixture(rendered, readFileSync(baseline, "utf8"));
  });
}

test("a build whose Istio objects break a check writes nothing and says which check", async () => {
  // The real target, with the subsets of every DestinationRule dropped from its output.
  const broken: Target = {
    name: "istio",
    build: (mesh, options) => istioTarget.build(mesh, options).map((a) => ({ ...a, content: a.content.replace(/^  subsets:\n(?: {4}.*\n)+/gm, "  subsets: []\n") })),
  };
  const result = await build({ entry: resolve(__dirname, "../../examples/uaek/mesh.ts"), checker: "none", targets: [broken] });
  assert.is(result.artifacts, null);
  assert.ok(result.diagnostics.some((d) => d.code === "MESH870"), result.diagnostics.map((d) => d.code).join(" "));
});

test.run();
