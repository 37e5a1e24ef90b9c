// Golden files: the kubernetes target's output for the example, byte for byte, every zone. Kept: the
// Namespaces and three services that between them show every feature (two versions and weights: search; a
// separate probe port and 3 replicas: gateway; gRPC and a CIDR exclusion: inventory). A dual-stack mesh shows
// the Service IP families. `MESHC_UPDATE_GOLDEN=1` rewrites them and deletes files no case produces.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { MeshModel } from "../../compiler/model";
import { exampleModel } from "../envoy/example-model";
import { twoServices } from "../envoy/model-fixture";
import type { TargetOptions } from "../../targets/target";
import { packagedBuild } from "./packaged-build";

const GOLDEN = join(__dirname, "../golden/kubernetes");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set: CI must not bless its own output");

const cases: { name: string; model: () => Promise<MeshModel>; keep: readonly string[]; delivery?: Pick<TargetOptions, "delivery" | "xdsServer"> }[] = [
  { name: "uaek", model: exampleModel, keep: ["namespaces.yaml", "search.yaml", "gateway.yaml", "inventory.yaml"] },
  { name: "dual-stack", model: async () => twoServices("dual"), keep: ["a.yaml"] },
  // The xds delivery: each zone's meshc serve, and a service's ConfigMaps and proxies in that mode.
  { name: "uaek-xds", model: exampleModel, keep: ["meshc-xds.yaml", "search.yaml"], delivery: { delivery: "xds", xdsServer: { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" } } },
];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const { files } = packagedBuild(await c.model(), [], c.delivery);
    const produced = new Map([...files].filter(([path]) => c.keep.includes(basename(path))).map(([path, content]) => [relative("kubernetes", path), content]));
    assert.ok(produced.size >= c.keep.length, "the case produces files");
    const dir = join(GOLDEN, c.name);
    if (update) {
      for (const stale of filesUnder(dir)) if (!produced.has(relative(dir, stale))) rmSync(stale);
      for (const [path, content] of produced) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    }
    assert.equal(filesUnder(dir).map((f) => relative(dir, f)).sort(), [...produced.keys()].sort(), "golden file list");
    for (const [path, content] of produced) assert.fixture(content, readFileSync(join(dir, path), "utf8"), path);
  });
}

test("output is deterministic: two builds are byte-identical", async () => {
  const model = await exampleModel();
  assert.equal([...packagedBuild(model).files], [...packagedBuild(structuredClone(model)).files]);
});

test.run();
