// Golden files: the Istio target's output for the example, byte for byte, in each of the three API versions
// (one zone: the others differ only by their drills), and a case with both drills on in the zone where both are
// active. `MESHC_UPDATE_GOLDEN=1 node test/run.mjs istio/golden` rewrites them (and deletes files no case
// produces); refused when CI is set, so CI never blesses its own output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { matchGoldenFolder } from "../golden-folder";
import { join, relative } from "node:path";
import type { IstioApi } from "../../targets/target";
import { istioTarget } from "../../targets/istio";
import { exampleModel } from "../envoy/example-model";
import { emitted } from "./istio-config";

const GOLDEN = join(__dirname, "../golden/istio");

interface Case {
  readonly name: string;
  readonly api: IstioApi;
  readonly drills: readonly string[];
  readonly zone: string;
}

const cases: Case[] = [
  { name: "v1alpha3", api: "v1alpha3", drills: [], zone: "cn-bj2-02" },
  { name: "v1beta1", api: "v1beta1", drills: [], zone: "cn-bj2-02" },
  { name: "v1", api: "v1", drills: [], zone: "cn-bj2-02" },
  { name: "v1-drills", api: "v1", drills: ["inventory-slow", "payments-flaky"], zone: "cn-bj2-03" },
];

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const all = emitted(await exampleModel(), c.api, c.drills);
    const produced = new Map([...all].filter(([path]) => path.startsWith(`istio/${c.zone}/`)).map(([path, content]) => [relative("istio", path), content]));
    assert.ok(produced.size > 0, "the case produces files");
    const dir = join(GOLDEN, c.name);
    matchGoldenFolder(dir, produced);
  });
}

test("output is deterministic: two builds are byte-identical", async () => {
  const model = await exampleModel();
  const options = { drills: ["payments-flaky"], istioApi: "v1beta1" as const };
  assert.equal(istioTarget.build(model, options), istioTarget.build(structuredClone(model), options));
});

test("without drills every zone gets the same files; a drill changes only its target's file in its zones", async () => {
  const model = await exampleModel();
  const byZone = (files: Map<string, string>, zone: string) => new Map([...files].filter(([p]) => p.startsWith(`istio/${zone}/`)).map(([p, t]) => [p.split("/")[2], t]));
  const plain = emitted(model, "v1");
  const [first, ...rest] = model.zones;
  for (const zone of rest) assert.equal(byZone(plain, zone!), byZone(plain, first!));
  const drilled = emitted(model, "v1", ["inventory-slow"]);
  const changed = [...drilled].filter(([p, t]) => plain.get(p) !== t).map(([p]) => p);
  assert.equal(changed, ["istio/cn-bj2-03/inventory.yaml"]);
});

test.run();
