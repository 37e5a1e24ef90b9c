// The memo of generated ConfigMaps found clean (compiler/validate/kubernetes/clean-objects.ts): it may only ever
// skip an object equal in every field and every data text to one that was clean; any difference is unknown.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { knownClean, rememberClean } from "../../compiler/validate/kubernetes/clean-objects";

const configMap = (name: string, data: Record<string, string>, labels: Record<string, string> = { app: "a" }) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "ns", labels }, immutable: true, data });

test("known only when every field and every text is the same", () => {
  const text = "resources:\n" + "  - x: 1\n".repeat(1000);
  rememberClean(configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b" }));
  assert.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b" })));
  assert.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text.slice(0, -1) + "\n", "lds.yaml": "b" })), "an equal text in another string");
  assert.not.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text + " ", "lds.yaml": "b" })), "another text");
  assert.not.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text })), "a key fewer");
  assert.not.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b", "x.yaml": "" })), "a key more");
  assert.not.ok(knownClean(configMap("a-envoy-z-1", { "lds.yaml": "b", "cds.yaml": text })), "keys in another order are another object here");
  assert.not.ok(knownClean(configMap("a-envoy-z-2", { "cds.yaml": text, "lds.yaml": "b" })), "another name");
  assert.not.ok(knownClean(configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b" }, { app: "b" })), "another label");
  assert.not.ok(knownClean({ ...configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b" }), immutable: false }), "another field");
  assert.not.ok(knownClean({ ...configMap("a-envoy-z-1", { "cds.yaml": text, "lds.yaml": "b" }), binaryData: { k: "AA==" } }), "binary data is never known");
});

test.run();
