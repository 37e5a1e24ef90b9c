// Every Envoy document the example produces passes `meshc validate` (Envoy's protos, strictly): without
// drills and with all of them, in every zone. Warnings count too: meshc writes no deprecated fields.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { exampleModel } from "./example-model";
import { buildAll } from "./generated-config";

for (const drills of [[], ["inventory-slow", "payments-flaky"]]) {
  test(`the example with drills [${drills.join(", ")}]: every document passes`, async () => {
    const model = await exampleModel();
    const files = buildAll(model, drills);
    assert.is(files.size, model.services.length * model.zones.length * 4, "four files per (service, zone): the versions share them");
    const diagnostics = validateEnvoyArtifacts([...files].map(([path, content]) => ({ path, content })));
    assert.equal(diagnostics.map((d) => d.message), []);
  });
}

test("the validator sees the target's mistakes: a broken document among the artifacts is reported with its path", async () => {
  const files = buildAll(await exampleModel());
  const [path, content] = [...files].find(([p]) => p.endsWith("/cds.yaml"))!;
  const broken = content.replace(/connect_timeout: 1s/, "connect_timeout: 1000");
  assert.ok(broken !== content);
  const [d] = validateEnvoyArtifacts([{ path, content: broken }]);
  assert.ok(d && d.code === "MESH802" && d.message.startsWith(`${path}: resources[`));
});

test.run();
