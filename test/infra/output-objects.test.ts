// The program reads the build's objects with js-yaml (fast); the yaml package is the reference reading of YAML
// 1.2. On the example's real output, in both modes, the two give the same objects.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import { build, targets } from "../../compiler/api";
import { zoneObjects } from "../../infra/output-objects";

const entry = resolve(__dirname, "../../examples/uaek/mesh.ts");

test("js-yaml's reading of every kubernetes and istio file equals the yaml package's", async () => {
  const result = await build({ entry, checker: "none", validate: false, targets: targets.filter((t) => ["capture", "envoy", "kubernetes", "istio"].includes(t.name)) });
  const files = new Map(result.artifacts!.map((a) => [a.path, a.content]));
  let compared = 0;
  for (const folder of ["kubernetes", "istio"]) {
    for (const zone of result.model!.zones) {
      const fast = zoneObjects(files, folder, zone);
      const reference = [...files.keys()].filter((p) => p.startsWith(`${folder}/${zone}/`) && p.endsWith(".yaml")).sort()
        .flatMap((p) => parseAllDocuments(files.get(p)!).map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined));
      assert.equal(fast.map((o) => o.object), reference, `${folder}/${zone}`);
      compared += fast.length;
    }
  }
  assert.ok(compared > 100, `${compared} objects compared`);
});

test("a file that is not YAML fails with its path", () => {
  assert.throws(() => zoneObjects(new Map([["kubernetes/a/x.yaml", "a: [b\n"]]), "kubernetes", "a"), /kubernetes\/a\/x\.yaml: /);
});

test.run();
