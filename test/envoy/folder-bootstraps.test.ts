// The folders' bootstraps are written once per key of what they read (targets/envoy/index.ts, keyedYaml): every
// folder's bootstrap.yaml and bootstrap-xds.yaml must still be exactly its own rendering, also when its services
// differ in what the key names (the zone's server, mTLS to it), in both delivery modes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { firstWorkloads, type MeshModel } from "../../compiler/model";
import { envoyTarget } from "../../targets/envoy";
import { bootstrap } from "../../targets/envoy/bootstrap";
import { bootstrapXds } from "../../targets/envoy/bootstrap-xds";
import { sidecarFolder } from "../../targets/envoy";
import { BOOTSTRAP_FILE, XDS_BOOTSTRAP_FILE } from "../../targets/sidecar-layout";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { exampleModel } from "./example-model";
import { generatedModel } from "../istio/generated-model";

/** The model with every third service taking no mTLS (its callers, and its sidecar to the xDS server, dial plain). */
function mixedTls(model: MeshModel): MeshModel {
  const copy = structuredClone(model) as unknown as { services: { access: { mtls: string } }[] };
  copy.services.forEach((s, i) => i % 3 === 0 && (s.access = { ...s.access, mtls: "disable" }));
  return copy as unknown as MeshModel;
}

for (const [name, model] of [["the example", exampleModel], ["a generated mesh", () => generatedModel(120, 5)]] as const) {
  test(`${name}, mTLS mixed: each folder's bootstraps are its own rendering`, async () => {
    const mesh = mixedTls(await model());
    for (const delivery of ["files", "xds"] as const) {
      const files = new Map(envoyTarget.build(mesh, { drills: [], delivery }).map((a) => [a.path, a.content]));
      const texts = new Set<string>();
      for (const workload of firstWorkloads(mesh)) {
        for (const zone of mesh.zones) {
          const folder = sidecarFolder(workload, zone);
          const xds = files.get(`${folder}/${XDS_BOOTSTRAP_FILE}`);
          assert.is(xds, stableYaml(bootstrapXds(mesh, workload, zone, "folder") as YamlValue), `${folder} (${delivery})`);
          texts.add(xds!);
          if (delivery === "files") assert.is(files.get(`${folder}/${BOOTSTRAP_FILE}`), stableYaml(bootstrap(mesh, workload, zone, "folder") as YamlValue), folder);
        }
      }
      assert.ok(texts.size === 2 * mesh.zones.length, `${texts.size} distinct bootstrap-xds.yaml texts: per zone, with and without mTLS`);
    }
  });
}

test.run();
