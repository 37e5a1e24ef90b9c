// crd-schemas.json is derived from Istio's crd-all.gen.yaml, never edited by hand: deriving it again from the anchor
// gives the committed bytes (`npm run golden:update` rewrites it, refused when CI is set). Loading it compiles every
// one of the CRDs' CEL rules, and every served version of every kind is there.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { deriveSchemas, renderDerivedSchemas } from "../../compiler/validate/istio/derive-schemas";
import { istioApi } from "../../compiler/validate/istio/crd-registry";
import { ISTIO_ANCHORS } from "./istio-anchors";

const committedPath = join(__dirname, "../../compiler/validate/istio/crd-schemas.json");
const anchor = readFileSync(join(ISTIO_ANCHORS, "crd-all.gen.yaml"), "utf8");
/** The anchor's CRDs as data, parsed once (the file is 964 KB). */
const crds = parseAllDocuments(anchor).map((d) => d.toJS() as { spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean }[] } });
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set");

test("crd-schemas.json is what the derivation makes of the anchor", () => {
  const derived = renderDerivedSchemas(deriveSchemas(anchor));
  if (update) writeFileSync(committedPath, derived);
  assert.ok(readFileSync(committedPath, "utf8") === derived, "crd-schemas.json differs from the anchor's derivation: run `npm run golden:update` and review the diff");
});

/** The rules as the anchor holds them, counted straight from the YAML (every x-kubernetes-validations entry). */
function anchorRules(): { lists: number; rules: number } {
  let lists = 0;
  let rules = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "x-kubernetes-validations") {
        lists++;
        rules += (x as unknown[]).length;
      } else walk(x);
    }
  };
  walk(crds);
  return { lists, rules };
}

test("the anchor has its 345 rule lists, and loading compiles the rules of every distinct schema", () => {
  const counted = anchorRules();
  assert.is(counted.lists, 345);
  const api = istioApi();
  assert.is(api.compileAllRules(), api.ruleCount);
  assert.ok(api.ruleCount > 0 && api.ruleCount <= counted.rules, `${api.ruleCount} compiled of ${counted.rules}`);
  // Versions sharing a schema share its compiled rules: the distinct schemas hold fewer rules than all versions.
  const perVersion = api.kinds.reduce((n, k) => n + k.versions.length, 0);
  assert.ok(perVersion > api.kinds.length);
});

test("every served version of every Istio kind resolves", () => {
  let n = 0;
  for (const crd of crds) {
    for (const v of crd.spec.versions.filter((x) => x.served)) {
      assert.ok(istioApi().lookup(`${crd.spec.group}/${v.name}`, crd.spec.names.kind), `${crd.spec.names.kind} ${v.name}`);
      n++;
    }
  }
  assert.ok(n >= 30, `${n} served versions`);
  assert.is(istioApi().lookup("networking.istio.io/v1alpha2", "VirtualService"), undefined);
});

test.run();
