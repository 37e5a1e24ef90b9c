// Golden files: the kubernetes target's output for the example, byte for byte, every zone. Kept: the
// Namespaces and three services that between them show every feature (two versions and weights: search; a
// separate probe port and 3 replicas: gateway; gRPC and a CIDR exclusion: inventory), and each zone's
// kustomization (the generated ConfigMaps; the files it names are the envoy and capture goldens'). A dual-stack mesh shows
// the Service IP families. `MESHC_UPDATE_GOLDEN=1` rewrites them and deletes files no case produces.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { matchGoldenFolder } from "../golden-folder";
import { basename, join, relative } from "node:path";
import type { MeshModel } from "../../compiler/model";
import { exampleModel } from "../envoy/example-model";
import { twoServices } from "../envoy/model-fixture";
import type { TargetOptions } from "../../targets/target";
import { packagedBuild } from "./packaged-build";

const GOLDEN = join(__dirname, "../golden/kubernetes");

const cases: { name: string; model: () => Promise<MeshModel>; keep: readonly string[]; delivery?: Pick<TargetOptions, "delivery" | "xdsServer"> }[] = [
  { name: "uaek", model: exampleModel, keep: ["kustomization.yaml", "namespaces.yaml", "search.yaml", "gateway.yaml", "inventory.yaml"] },
  { name: "dual-stack", model: async () => twoServices("dual"), keep: ["kustomization.yaml", "a.yaml"] },
  // The xds delivery: each zone's meshc serve, and a service's ConfigMaps and proxies in that mode.
  { name: "uaek-xds", model: exampleModel, keep: ["kustomization.yaml", "meshc-xds.yaml", "search.yaml"], delivery: { delivery: "xds", xdsServer: { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" } } },
];

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const { files } = packagedBuild(await c.model(), [], c.delivery);
    const produced = new Map([...files].filter(([path]) => c.keep.includes(basename(path))).map(([path, content]) => [relative("kubernetes", path), content]));
    assert.ok(produced.size >= c.keep.length, "the case produces files");
    const dir = join(GOLDEN, c.name);
    matchGoldenFolder(dir, produced);
  });
}

test("output is deterministic: two builds are byte-identical", async () => {
  const model = await exampleModel();
  assert.equal([...packagedBuild(model).files], [...packagedBuild(structuredClone(model)).files]);
});

test.run();
