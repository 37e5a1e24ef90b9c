// meshc build runs the Istio check before anything is written, like the Envoy check: a build whose (here planted)
// target writes an Istio object the API server would reject fails with a MESH85x diagnostic that points into the
// generated file, and writes nothing; `validate: false` skips it; a build without istio/ files does not load it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { build } from "../../compiler/build";
import { renderPretty } from "../../compiler/diagnostics/render-pretty";
import type { Target } from "../../targets/target";

const entry = join(realpathSync(join(__dirname, "../fixtures/valid/checks-base")), "mesh.ts");

const serviceEntry = (port: number) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: pay
  namespace: shop
spec:
  hosts:
  - pay.example.com
  location: MESH_EXTERNAL
  ports:
  - name: https
    number: ${port}
    protocol: HTTPS
  resolution: DNS
`;

const plantedIstio = (text: string): Target => ({ name: "istio", build: (mesh) => mesh.zones.map((zone) => ({ path: `istio/${zone}/mesh.yaml`, content: text })) });

test("valid Istio objects: the build writes them", async () => {
  const r = await build({ entry, checker: "none", targets: [plantedIstio(serviceEntry(443))] });
  assert.equal(r.diagnostics.filter((d) => d.code.startsWith("MESH85")).map((d) => d.message), []);
  assert.ok(r.artifacts?.some((a) => a.path === "istio/zone-a/mesh.yaml"));
  assert.ok((r.timings["validate:istio"] ?? -1) >= 0, "the Istio check ran");
});

test("an object the API server would reject: a MESH855 into the generated file, nothing written", async () => {
  const r = await build({ entry, checker: "none", targets: [plantedIstio(serviceEntry(0))] });
  assert.is(r.artifacts, null);
  const found = r.diagnostics.filter((d) => d.code === "MESH855");
  assert.equal(found.map((d) => d.span?.file), ["istio/zone-a/mesh.yaml", "istio/zone-b/mesh.yaml"]);
  const text = renderPretty(found[0]!, (f) => r.sources.get(f), process.cwd());
  assert.ok(text.startsWith("istio/zone-a/mesh.yaml:12:13  error MESH855  istio/zone-a/mesh.yaml: ServiceEntry shop/pay: spec.ports[0].number: Invalid value: \"integer\": port must be between 1-65535"), text);
  assert.ok(/\n +12 +number: 0\n +~\n/.test(text), text);
  assert.ok(text.includes("hint: x-kubernetes-validations rule: 0 < self && self <= 65535"), text);
});

test("validate: false skips it; a build without istio/ files never runs it", async () => {
  const skipped = await build({ entry, checker: "none", validate: false, targets: [plantedIstio(serviceEntry(0))] });
  assert.ok(skipped.artifacts);
  const none = await build({ entry, checker: "none", targets: [] });
  assert.is(none.timings["validate:istio"], undefined);
});

test.run();
