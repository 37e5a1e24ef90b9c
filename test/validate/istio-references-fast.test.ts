// The cross-object Istio check reads meshc's output with the plain block reader (istio-references/
// istio-documents.ts) and the full parser only when it finds something: the fast reading gives the same documents
// (kinds, names, waves, specs and offsets) as the full parser on the example and a generated mesh in every API
// version, reads every one of their files, and the findings on broken object sets equal the full path's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkIstioReferences, fullIstioReferences } from "../../compiler/validate/istio-references";
import { documentsOf, fullDocumentsOf } from "../../compiler/validate/istio-references/istio-documents";
import { readCoreDocument, streamDocuments } from "../../compiler/validate/yaml-core-values";
import { istioTarget } from "../../targets/istio";
import { ISTIO_APIS } from "../../targets/target";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "../istio/generated-model";

async function outputs() {
  const out: { path: string; content: string }[][] = [];
  for (const model of [await exampleModel(), await generatedModel()]) {
    for (const istioApi of ISTIO_APIS) out.push(istioTarget.build(model, { drills: model.drills.map((d) => d.name), istioApi }).filter((a) => a.path.endsWith(".yaml")));
  }
  return out;
}

test("the fast reading gives the full parser's documents, offsets included, and reads every file", async () => {
  for (const artifacts of await outputs()) {
    for (const a of artifacts) {
      const docs = streamDocuments(a.content);
      assert.ok(docs?.every((d) => readCoreDocument(d.text) !== undefined), `${a.path} is in the plain subset`);
      assert.equal(documentsOf(a.content), fullDocumentsOf(a.content), a.path);
    }
  }
});

/** Breaks that each cross-object check must find (each applies to the first file it changes). */
const BREAKS: readonly [string, (text: string) => string][] = [
  ["a subset the rule does not define", (t) => t.replace(/(\n {6}name: )v1\n/, "$1v9\n")],
  ["a VirtualService applied with its DestinationRule", (t) => t.replace(/(kind: VirtualService\nmetadata:\n  annotations:\n(?: {4}.*\n)*? {4}meshc\.io\/apply-wave: )"\d+"/, '$1"1"')],
  ["failover without outlier detection", (t) => t.replace(/\n {4}outlierDetection:\n(?: {6}.*\n)+/, "\n")],
];

test("on broken object sets, the findings equal the full parser's path", async () => {
  for (const [name, brk] of BREAKS) {
    let applied = 0;
    for (const artifacts of await outputs()) {
      const i = artifacts.findIndex((a) => brk(a.content) !== a.content);
      if (i < 0) continue;
      applied++;
      const broken = artifacts.map((a, j) => (j === i ? { ...a, content: brk(a.content) } : a));
      const full = fullIstioReferences(broken);
      assert.ok(full.length > 0, `${name} is found`);
      assert.equal(checkIstioReferences(broken), full, name);
    }
    assert.ok(applied > 0, `the break '${name}' applies`);
  }
  // Two VirtualServices claiming one host: a file given twice in a zone.
  const artifacts = (await outputs())[0]!;
  const vs = artifacts.find((a) => a.content.includes("kind: VirtualService"))!;
  const twice = [...artifacts, { path: vs.path.replace(/\.yaml$/, "-copy.yaml"), content: vs.content }];
  assert.ok(fullIstioReferences(twice).some((d) => d.code === "MESH872"));
  assert.equal(checkIstioReferences(twice), fullIstioReferences(twice));
});

test.run();
