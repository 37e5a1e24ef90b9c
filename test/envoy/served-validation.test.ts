// With `--delivery xds` the build writes no lds.yaml or cds.yaml; what the sidecars load is what `meshc serve`
// sends. The build still checks it against Envoy's protos before writing anything (Target.checkedOnly), in a
// whole build and in the watch path's rebuilds: a served resource Envoy would reject fails the build, nothing is
// written, and the finding names where the resource comes from. Nothing checked-only is ever written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join, resolve } from "node:path";
import { build, compileModel, incrementalBuilder, workloads } from "../../compiler/api";
import { targets } from "../../compiler/target-registry";
import type { Artifact, Target } from "../../targets/target";

const entry = join(resolve(__dirname, "../.."), "examples/uaek/mesh.ts");
const SERVER = { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" };
const xds = { entry, checker: "none" as const, delivery: "xds" as const, xdsServer: SERVER };

/** A served cluster Envoy's protos refuse: its connect timeout a bare number, as a writer's slip would leave it. */
function broken(artifacts: readonly Artifact[]): Artifact[] {
  let done = false;
  return artifacts.map((a) => {
    if (done || !a.path.endsWith("/served/cds.yaml") || !a.path.startsWith("envoy/search/cn-bj2-02/")) return a;
    done = true;
    const content = a.content.replace(/connect_timeout: \S+/, "connect_timeout: 1000");
    assert.ok(content !== a.content, "the edit applies");
    return { ...a, content };
  });
}

function withBrokenServed(): Target[] {
  return targets.map((t) => (t.name !== "envoy" ? t : { ...t, checkedOnly: { build: (m, o) => broken(t.checkedOnly!.build(m, o)), perWorkload: (m, w, o) => broken(t.checkedOnly!.perWorkload(m, w, o)) } }));
}

test("an xds build writes no served document and no lds/cds, and passes", async () => {
  const r = await build(xds);
  assert.ok(r.artifacts, r.diagnostics.map((d) => d.message).join("\n"));
  assert.not.ok(r.artifacts!.some((a) => a.path.includes("/served/") || /\/(lds|cds|bootstrap)\.yaml$/.test(a.path)));
  assert.ok(r.artifacts!.some((a) => a.path.endsWith("/bootstrap-xds.yaml")));
});

test("a served resource Envoy would reject fails the xds build: nothing written, the finding names it", async () => {
  const r = await build({ ...xds, targets: withBrokenServed() });
  assert.is(r.artifacts, null);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.ok(errors.length > 0);
  assert.ok(errors.every((d) => d.message.startsWith("envoy/search/cn-bj2-02/served/cds.yaml: resources[")), errors.map((d) => d.message).join("\n"));
});

test("the files build checks no served document (it has none)", async () => {
  const r = await build({ entry, checker: "none", targets: withBrokenServed() });
  assert.ok(r.artifacts, r.diagnostics.map((d) => d.message).join("\n"));
});

test("checkedOnly keeps PerWorkload's contract: the whole build is each unit's documents, in workloads() order", async () => {
  const { model } = await compileModel(entry, { checker: "none" });
  const envoy = targets.find((t) => t.name === "envoy")!;
  const options = { drills: ["inventory-slow"], delivery: "xds" as const };
  const units = new Set<string>();
  const perUnit = workloads(model!).filter((w) => !units.has(w.service.name) && units.add(w.service.name)).flatMap((w) => envoy.checkedOnly!.perWorkload(model!, w, options));
  assert.equal(envoy.checkedOnly!.build(model!, options), perUnit);
  assert.is(perUnit.length, model!.services.length * model!.zones.length * 3);
});

test("the watch path checks them too", async () => {
  const builder = incrementalBuilder({ ...xds, targets: withBrokenServed() });
  try {
    const r = await builder.rebuild();
    assert.is(r.artifacts, null);
    assert.ok(r.diagnostics.some((d) => d.severity === "error" && d.message.startsWith("envoy/search/cn-bj2-02/served/cds.yaml: ")));
  } finally {
    builder.close();
  }
  const good = incrementalBuilder(xds);
  try {
    const r = await good.rebuild();
    assert.ok(r.artifacts, r.diagnostics.map((d) => d.message).join("\n"));
    assert.not.ok(r.changed.some((p) => p.includes("/served/")), "nothing checked-only is reported as written");
  } finally {
    good.close();
  }
});

test.run();
