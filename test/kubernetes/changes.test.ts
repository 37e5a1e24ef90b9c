// Reviewable changes: a change confined to one service changes only that service's files, and a ConfigMap's
// name changes exactly when its content does (so pods roll when, and only when, their config changed). The
// ConfigMaps are those each zone's kustomization generates (issue 19).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import type { MeshModel, ServiceModel } from "../../compiler/model";
import { exampleModel } from "../envoy/example-model";
import { kubernetesTarget } from "../../targets/kubernetes";
import { generatedConfigMaps } from "../kustomize/generated";
import { packagedBuild } from "./packaged-build";

type Json = Record<string, any>;

function withService(model: MeshModel, name: string, change: (s: ServiceModel) => ServiceModel): MeshModel {
  return { ...model, services: model.services.map((s) => (s.name === name ? change(s) : s)) };
}

function changedFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** ConfigMaps by what they are for (config kind, workload, zone), with name and data. */
function configMaps(files: ReadonlyMap<string, string>): Map<string, { name: string; data: string }> {
  const out = new Map<string, { name: string; data: string }>();
  for (const [path, text] of files) {
    if (path.split("/").length !== 3 || path.endsWith("/kustomization.yaml")) continue; // the zones' object files
    for (const doc of parseAllDocuments(text)) {
      if ((doc.toJS() as Json | null)?.kind === "ConfigMap") throw new Error(`${path}: a ConfigMap embedded in an object file`);
    }
  }
  for (const { path, object: o } of generatedConfigMaps(files)) {
    const l = o.metadata.labels;
    out.set(`${path.split("/")[1]} ${l["meshc.io/config"]} ${l.app}${l.version ? `-${l.version}` : ""}`, { name: o.metadata.name, data: JSON.stringify(o.data) });
  }
  return out;
}

function namesFollowContent(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): number {
  const a = configMaps(before);
  const b = configMaps(after);
  assert.equal([...a.keys()].sort(), [...b.keys()].sort());
  let renamed = 0;
  for (const [key, x] of a) {
    const y = b.get(key)!;
    assert.is(x.name === y.name, x.data === y.data, `${key}: name changes exactly when content does`);
    if (x.name !== y.name) renamed++;
  }
  return renamed;
}

test("replicas and image of one service: only that service's files change, and no ConfigMap", async () => {
  const model = await exampleModel();
  const before = packagedBuild(model).files;
  const after = packagedBuild(withService(model, "pricing", (s) => ({ ...s, replicas: 5, images: { v1: "pricing:v1.1" } }))).files;
  assert.equal(changedFiles(before, after), model.zones.map((z) => `kubernetes/${z}/pricing.yaml`));
  assert.is(namesFollowContent(before, after), 0);
});

test("a canary weight: the files that change are those whose sidecar config changed, renamed accordingly", async () => {
  const model = await exampleModel();
  const first = packagedBuild(model);
  const edited = withService(model, "search", (s) => ({ ...s, routes: s.routes.map((r) => (r.name === "weighted-canary" ? { ...r, destinations: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] } : r)) }));
  const second = packagedBuild(edited);
  // Who reads search's routes: its callers (gateway). Their Envoy files change, hence their ConfigMaps.
  const sidecarsChanged = new Set(changedFiles(first.packaged, second.packaged).map((p) => p.split("/")[1]!.replace(/-v\d+$/, "")));
  assert.equal([...sidecarsChanged].sort(), ["gateway"]);
  // The Deployments (new ConfigMap name), the generator entry, and the copies of the changed Envoy files.
  const copies = changedFiles(first.packaged, second.packaged).map((p) => p.split("/")).map(([, service, zone, file]) => `kubernetes/${zone}/files/${service}/envoy/${file}`);
  assert.ok(copies.length >= model.zones.length);
  assert.equal(changedFiles(first.files, second.files), [...copies, ...model.zones.flatMap((z) => [`kubernetes/${z}/gateway.yaml`, `kubernetes/${z}/kustomization.yaml`])].sort());
  assert.is(namesFollowContent(first.files, second.files), model.zones.length, "one Envoy ConfigMap per zone renamed");
});

test("content hashing: a one-byte change of a packaged file renames exactly its ConfigMap", async () => {
  const model = await exampleModel();
  const { packaged, files } = packagedBuild(model);
  const edited = new Map(packaged).set("envoy/orders/cn-bj2-03/cds.yaml", packaged.get("envoy/orders/cn-bj2-03/cds.yaml") + " ");
  const after = new Map(kubernetesTarget.build(model, { drills: [] }, edited).map((a) => [a.path, a.content] as const));
  assert.equal(changedFiles(files, after), ["kubernetes/cn-bj2-03/files/orders/envoy/cds.yaml", "kubernetes/cn-bj2-03/kustomization.yaml", "kubernetes/cn-bj2-03/orders.yaml"]);
  assert.is(namesFollowContent(files, after), 1, "the one Envoy ConfigMap of orders in cn-bj2-03, which both versions mount");
});

test.run();
