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
import { type MeshModel, type ServiceModel, workloads } from "../../compiler/model";
import { staticEndpoints } from "../../compiler/serve/endpoints";
import { type ZoneSnapshot, zoneSnapshot } from "../../compiler/serve/snapshot";
import { changesBetween, snapshot as modelSnapshot } from "../../compiler/watch/model-changes";
import { deltaDiscoveryResponse, discoveryResponse, responseBytes } from "../../compiler/serve/wire";
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
    assert.equal(sotw.toObject(sotw.decode(responseBytes(discoveryResponse("v1", resources, type, "7")))), whole);
    const expected = delta.toObject(delta.decode(delta.encode({ system_version_info: "s", resources: resources.map((r) => ({ name: r.name, version: r.version, resource: r.any })), type_url: type, removed_resources: ["gone", ""], nonce: "8" }).finish()));
    assert.equal(delta.toObject(delta.decode(responseBytes(deltaDiscoveryResponse("s", resources, type, ["gone", ""], "8")))), expected);
  }
  // Empty: no resources, no version (proto3 leaves empty strings out).
  assert.equal(sotw.toObject(sotw.decode(responseBytes(discoveryResponse("", [], CLUSTER_TYPE, "1")))), { type_url: CLUSTER_TYPE, nonce: "1" });
});

/** Each Envoy config's resources (name and version, per type), by config key. */
function served(snapshot: ZoneSnapshot, model: MeshModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of workloads(model)) {
    const config = snapshot.get(w, "envoy");
    if (typeof config === "string") throw new Error(config);
    out.set(config.key, JSON.stringify([...config.byType].map(([type, map]) => [type, [...map.values()].map((r) => `${r.name} ${r.version}`)])));
  }
  return out;
}

const edits: Record<string, (s: ServiceModel) => ServiceModel | null> = {
  "more connections": (s) => ({ ...s, overload: { ...s.overload, maxConnections: s.overload.maxConnections + 1 } }),
  "one call fewer": (s) => ({ ...s, calls: s.calls.slice(1) }),
  "one caller fewer": (s) => ({ ...s, access: { ...s.access, allowFrom: s.access.allowFrom?.slice(1) ?? null } }),
  "one version fewer": (s) => (s.versions.length > 1 ? { ...s, versions: s.versions.slice(1) } : s),
  removed: () => null,
};

test("update() after a one-service change, and after undoing it, equals a fresh snapshot of the model, and names exactly the configs that differ", async () => {
  const model = await exampleModel();
  const zone = model.zones[0]!;
  const fresh = (m: MeshModel) => {
    const z = zoneSnapshot(m, { zone, drills: [], endpoints: staticEndpoints({}), validate: false });
    z.warm();
    return z;
  };
  const before = served(fresh(model), model);
  let pushed = 0;
  for (const service of model.services) {
    for (const [edit, change] of Object.entries(edits)) {
      const next: MeshModel = { ...model, services: model.services.flatMap((s) => (s.name === service.name ? (change(s) ?? []) : [s])) };
      const incremental = fresh(model);
      const applied = incremental.update(next, changesBetween(modelSnapshot(model), modelSnapshot(next)));
      if ("errors" in applied) throw new Error(applied.errors.join("; "));
      const expected = served(fresh(next), next);
      const label = `${service.name}, ${edit}`;
      assert.equal(served(incremental, next), expected, label);
      assert.is(incremental.size(), expected.size, label);
      const differing = [...before.keys()].filter((key) => before.get(key) !== expected.get(key)).sort();
      assert.equal([...applied.changed].sort(), differing, label);
      pushed += differing.length;
      // And back: a second update on the same snapshot (what it learnt from the first is what it uses now).
      const back = incremental.update(model, changesBetween(modelSnapshot(next), modelSnapshot(model)));
      if ("errors" in back) throw new Error(back.errors.join("; "));
      assert.equal(served(incremental, model), before, `${label}, undone`);
      assert.equal([...back.changed].sort(), differing.filter((key) => expected.has(key)), `${label}, undone`);
    }
  }
  assert.ok(pushed > 0, "some edits changed some configs");
});

test.run();
