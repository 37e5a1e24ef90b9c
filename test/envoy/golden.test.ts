// Golden files: the Envoy target's output, byte for byte, reviewed like code. One case per feature.
// `MESHC_UPDATE_GOLDEN=1 node test/run.mjs envoy/golden` rewrites them (and deletes files no case produces);
// it refuses to run when CI is set, so CI never blesses its own output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { matchGoldenFolder } from "../golden-folder";
import { dirname, join, relative } from "node:path";
import type { MeshModel } from "../../compiler/model";
import { envoyTarget } from "../../targets/envoy";
import { validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { exampleModel } from "./example-model";
import { buildAll } from "./generated-config";
import { twoServices } from "./model-fixture";

const GOLDEN = join(__dirname, "../golden/envoy");

interface Case {
  readonly name: string;
  readonly model: () => Promise<MeshModel>;
  readonly drills: readonly string[];
  /** Which sidecar folders (envoy/<service>/<zone>) the case keeps. */
  readonly keep: (folder: string) => boolean;
}

const cases: Case[] = [
  { name: "uaek", model: exampleModel, drills: [], keep: (f) => f.endsWith("/cn-bj2-02") },
  { name: "uaek-drill-inventory-slow", model: exampleModel, drills: ["inventory-slow"], keep: (f) => f === "envoy/orders/cn-bj2-03" },
  { name: "ipv4", model: async () => twoServices("ipv4"), drills: [], keep: (f) => f === "envoy/a/z1" },
  { name: "dual-stack", model: async () => twoServices("dual"), drills: [], keep: (f) => f === "envoy/a/z1" },
];

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const all = buildAll(await c.model(), c.drills);
    const produced = new Map([...all].filter(([path]) => c.keep(dirname(path))).map(([path, content]) => [relative("envoy", path), content]));
    assert.ok(produced.size > 0, "the case produces files");
    assert.equal(validateEnvoyArtifacts([...produced].map(([path, content]) => ({ path: `envoy/${path}`, content }))).map((d) => d.message), []);
    const dir = join(GOLDEN, c.name);
    matchGoldenFolder(dir, produced);
  });
}

test("output is deterministic: two builds are byte-identical", async () => {
  const model = await exampleModel();
  assert.equal(envoyTarget.build(model, { drills: ["payments-flaky"] }), envoyTarget.build(structuredClone(model), { drills: ["payments-flaky"] }));
});

test.run();
