// The zone snapshot at scale (compiler/serve/snapshot.ts, wire.ts): the versions of a service share one build,
// which is right only because a service's xDS resources do not depend on the version (issue 19's layout
// decision) — held here on the example and a generated mesh, in both shapes and every zone; warm() builds
// every Envoy config; and responses assembled from pre-encoded pieces decode, with Envoy's own protos, to
// exactly the resources a protobuf encoding of the whole message holds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/build";
import { type MeshModel, workloads } from "../../compiler/model";
import { staticEndpoints } from "../../compiler/serve/endpoints";
import { zoneSnapshot } from "../../compiler/serve/snapshot";
import { deltaDiscoveryResponse, discoveryResponse } from "../../compiler/serve/wire";
import { CLUSTER_TYPE, PUSH_ORDER } from "../../compiler/serve/xds-types";
import { sidecarResources, type XdsShape } from "../../compiler/target-registry";
import { envoyProtos } from "../../compiler/validate/envoy";
import { exampleModel } from "../envoy/example-model";

const scratch = mkdtempSync(join(tmpdir(), "meshc-serve-snapshot-"));

async function generatedModel(services: number): Promise<MeshModel> {
  const mesh = generateMesh({ services });
  writeMesh(scratch, mesh.files);
  const result = await build({ entry: join(scratch, mesh.entry), checker: "none", emit: false });
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.model;
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));

function versionsAgree(model: MeshModel): number {
  let compared = 0;
  for (const zone of model.zones) {
    for (const shape of ["envoy", "grpc"] as XdsShape[]) {
      const first = new Map<string, string>();
      for (const w of workloads(model)) {
        const text = JSON.stringify(sidecarResources(model, { drills: [] }, w, zone, shape));
        const seen = first.get(w.service.name);
        if (seen === undefined) first.set(w.service.name, text);
        else (assert.ok(seen === text, `${w.name} in ${zone} (${shape}) differs from its service's first version`), compared++);
      }
    }
  }
  return compared;
}

test("a service's versions get the same xDS resources: the example", async () => {
  assert.ok(versionsAgree(await exampleModel()) > 0);
});

test("a service's versions get the same xDS resources: a generated 100-service mesh", async () => {
  assert.ok(versionsAgree(await generatedModel(100)) > 100);
});

test("warm() builds every Envoy config; versions share the resource maps; get() returns what warm() built", async () => {
  const model = await exampleModel();
  const zone = model.zones[0]!;
  const snapshot = zoneSnapshot(model, { zone, drills: [], endpoints: staticEndpoints({}) });
  const all = workloads(model);
  assert.equal(snapshot.warm(), { built: all.length, refused: [] });
  assert.is(snapshot.size(), all.length);
  const byService = new Map<string, unknown>();
  for (const w of all) {
    const config = snapshot.get(w, "envoy");
    if (typeof config === "string") throw new Error(config);
    assert.is(config.workload, w.name);
    const maps = byService.get(w.service.name);
    if (maps === undefined) byService.set(w.service.name, config.byType);
    else assert.ok(maps === config.byType, `${w.name} shares its service's build`);
  }
  assert.equal(snapshot.warm(), { built: 0, refused: [] });
});

test("responses from pieces decode to the resources, names, versions, nonce and removals given", async () => {
  const model = await exampleModel();
  const snapshot = zoneSnapshot(model, { zone: model.zones[0]!, drills: [], endpoints: staticEndpoints({}) });
  const caller = workloads(model).find((w) => w.service.calls.length > 0)!; // it has endpoints and routes too
  const config = snapshot.get(caller, "envoy");
  if (typeof config === "string") throw new Error(config);
  const root = envoyProtos().root;
  const sotw = root.lookupType("envoy.service.discovery.v3.DiscoveryResponse");
  const delta = root.lookupType("envoy.service.discovery.v3.DeltaDiscoveryResponse");
  for (const type of PUSH_ORDER) {
    const resources = [...config.byType.get(type)!.values()];
    assert.ok(resources.length > 0, type);
    const whole = sotw.toObject(sotw.decode(sotw.encode({ version_info: "v1", resources: resources.map((r) => r.any), type_url: type, nonce: "7" }).finish()));
    assert.equal(sotw.toObject(sotw.decode(discoveryResponse("v1", resources, type, "7"))), whole);
    const expected = delta.toObject(delta.decode(delta.encode({ system_version_info: "s", resources: resources.map((r) => ({ name: r.name, version: r.version, resource: r.any })), type_url: type, removed_resources: ["gone", ""], nonce: "8" }).finish()));
    assert.equal(delta.toObject(delta.decode(deltaDiscoveryResponse("s", resources, type, ["gone", ""], "8"))), expected);
  }
  // Empty: no resources, no version (proto3 leaves empty strings out).
  assert.equal(sotw.toObject(sotw.decode(discoveryResponse("", [], CLUSTER_TYPE, "1"))), { type_url: CLUSTER_TYPE, nonce: "1" });
});

test.run();
