// The program reads the build's objects with js-yaml (fast); the yaml package is the reference reading of YAML
// 1.2. On the example's real output, in both modes, the two give the same objects. A kubernetes zone is a
// kustomize root (issue 19): there the reference is what kustomize itself renders from the written folder, so
// the ConfigMaps the program creates in memory are those `kubectl apply -k` would apply.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import { build, targets } from "../../compiler/api";
import { zoneObjects } from "../../infra/output-objects";
import { renderZones } from "../kustomize/rendered";

const entry = resolve(__dirname, "../../examples/uaek/mesh.ts");

test("js-yaml's reading of every kubernetes and istio file equals the yaml package's", async () => {
  const result = await build({ entry, checker: "none", validate: false, targets: targets.filter((t) => ["capture", "envoy", "kubernetes", "istio"].includes(t.name)) });
  const files = new Map(result.artifacts!.map((a) => [a.path, a.content]));
  const rendered = renderZones(new Map([...files].filter(([p]) => p.startsWith("kubernetes/"))));
  const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  const id = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  const byId = (objects: unknown[]) => new Map(objects.map((o) => [id(o), o]));
  let compared = 0;
  for (const zone of result.model!.zones) {
    const fast = zoneObjects(files, "kubernetes", zone).map((o) => o.object);
    const reference = parse(rendered.get(`kubernetes/${zone}/(rendered)`)!);
    assert.ok(fast.filter((o) => o.kind === "ConfigMap").length > 0, "the generated ConfigMaps are among the objects");
    assert.is(fast.length, reference.length, `kubernetes/${zone}: as many objects as kustomize renders`);
    assert.equal(byId(fast), byId(reference), `kubernetes/${zone}: the objects kustomize renders`);
    compared += fast.length;
  }
  for (const zone of result.model!.zones) {
    const fast = zoneObjects(files, "istio", zone);
    const reference = [...files.keys()].filter((p) => p.startsWith(`istio/${zone}/`) && p.endsWith(".yaml")).sort().flatMap((p) => parse(files.get(p)!));
    assert.equal(fast.map((o) => o.object), reference, `istio/${zone}`);
    compared += fast.length;
  }
  assert.ok(compared > 100, `${compared} objects compared`);
});

test("a kustomization naming a file the build did not write fails the update", () => {
  const kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [x.yaml]\n";
  assert.throws(() => zoneObjects(new Map([["kubernetes/a/kustomization.yaml", kustomization]]), "kubernetes", "a"), /kubernetes\/a\/kustomization\.yaml: \/resources\/0 resource x\.yaml is not a file the build writes/);
});

test("a file that is not YAML fails with its path", () => {
  assert.throws(() => zoneObjects(new Map([["kubernetes/a/x.yaml", "a: [b\n"]]), "kubernetes", "a"), /kubernetes\/a\/x\.yaml: /);
});

test.run();
