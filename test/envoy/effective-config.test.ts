// Issue 19's equivalence: the versions of a service share one Envoy folder per zone, and each pod's command line
// says which version it is. For every sidecar (workload × zone) of the example and of a generated 300-service
// mesh, what Envoy would load — its folder's bootstrap as written, with the pod's command line applied as Envoy
// applies it (effective-config.ts), and the LDS and CDS files that bootstrap names — deep-equals the
// per-workload reference, sidecarConfig(). The same for bootstrap-xds.yaml against its reference, also as the
// xds delivery writes it alone, beside the resources meshc serve would send, which that build checks. Then the
// check is shown to catch what the sharing could get wrong: a version's own field left in a shared file, a
// command line that does not say the version, another zone's folder.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type MeshModel, type Workload, workloads } from "../../compiler/model";
import { envoyTarget, sidecarConfig, sidecarResources } from "../../targets/envoy";
import { type Delivery, ENVOY_CONFIG_DIR, envoyArgs, envoyFolder, type SidecarIdentity } from "../../targets/sidecar-layout";
import { generatedModel } from "../istio/generated-model";
import { effectiveSidecar, type EffectiveSidecar, parseYaml as parse } from "./effective-config";
import { exampleModel } from "./example-model";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
type Files = ReadonlyMap<string, string>;

const plain = (value: unknown): Json => JSON.parse(JSON.stringify(value));

function identity(w: Workload, zone: string): SidecarIdentity {
  return { service: w.service.name, version: w.version, namespace: w.service.namespace, zone };
}

/** The pod's view of its folder: a file under ENVOY_CONFIG_DIR is the folder's file of that name. */
function podReader(files: Files, folder: string): (podPath: string) => string {
  return (podPath) => {
    if (!podPath.startsWith(`${ENVOY_CONFIG_DIR}/`)) throw new Error(`${podPath} is not in the mounted folder ${ENVOY_CONFIG_DIR}`);
    const text = files.get(`${folder}/${podPath.slice(ENVOY_CONFIG_DIR.length + 1)}`);
    if (text === undefined) throw new Error(`${folder} has no ${podPath}: Envoy would not start`);
    return text;
  };
}

function memoParse(): (text: string) => Json {
  const cache = new Map<string, Json>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) cache.set(text, (value = parse(text)));
    return value;
  };
}

function loaded(files: Files, w: Workload, zone: string, delivery: Delivery, parseYaml = memoParse(), args = envoyArgs(delivery, identity(w, zone))): EffectiveSidecar {
  return effectiveSidecar(args, podReader(files, envoyFolder(w.service.name, w.version, zone)), parseYaml);
}

/** Every sidecar's differences from its reference, as "<workload> <zone> <document>" (empty: equivalent). */
function differences(model: MeshModel, files: Files, drills: readonly string[] = []): { checked: number; differ: string[] } {
  const parseYaml = memoParse();
  const differ: string[] = [];
  let checked = 0;
  for (const w of workloads(model)) {
    for (const zone of model.zones) {
      const ref = plain(sidecarConfig(model, { drills }, w, zone));
      const files_ = loaded(files, w, zone, "files", parseYaml);
      const xds = loaded(files, w, zone, "xds", parseYaml);
      const where = `${w.name} ${zone}`;
      if (!equal(files_.bootstrap, ref.bootstrap)) differ.push(`${where} bootstrap.yaml`);
      if (!equal(files_.lds, ref.lds)) differ.push(`${where} lds.yaml`);
      if (!equal(files_.cds, ref.cds)) differ.push(`${where} cds.yaml`);
      if (!equal(xds.bootstrap, ref.bootstrapXds)) differ.push(`${where} bootstrap-xds.yaml`);
      if (xds.lds !== undefined || xds.cds !== undefined) differ.push(`${where} bootstrap-xds.yaml names files`);
      checked++;
    }
  }
  return { checked, differ };
}

function equal(a: unknown, b: unknown): boolean {
  try {
    assert.equal(a, b);
    return true;
  } catch {
    return false;
  }
}

function built(model: MeshModel, drills: readonly string[] = []): Map<string, string> {
  return new Map(envoyTarget.build(model, { drills }).map((a) => [a.path, a.content]));
}

test("the example: every sidecar's effective config equals its per-workload reference", async () => {
  const model = await exampleModel();
  const { checked, differ } = differences(model, built(model));
  assert.equal(differ, []);
  assert.is(checked, workloads(model).length * model.zones.length);
});

test("the example with a drill on (zones differ): every sidecar is equivalent", async () => {
  const model = await exampleModel();
  const drills = ["inventory-slow"];
  assert.equal(differences(model, built(model, drills), drills).differ, []);
});

test("a generated 300-service mesh: every sidecar's effective config equals its reference", async () => {
  const model = await generatedModel(300, 19);
  const files = built(model);
  const { checked, differ } = differences(model, files);
  assert.equal(differ.slice(0, 5), []);
  assert.is(checked, 600 * 3);
  const folders = new Set([...files.keys()].map((p) => p.slice(0, p.lastIndexOf("/"))));
  assert.is(folders.size, 300 * 3, "one folder per (service, zone), shared by the versions");
});

test("the shared bootstraps name no version: what is a version's own comes from its command line", async () => {
  const model = await exampleModel();
  const files = built(model);
  for (const [path, text] of files) {
    if (!/bootstrap(-xds)?\.yaml$/.test(path)) continue;
    const node = parse(text).node;
    assert.is(node.id, undefined, `${path}: no node id`);
    assert.is(node.metadata.version, undefined, `${path}: no version`);
  }
  // Without --config-yaml the version is missing: the command line is what makes the sidecar whole.
  const w = workloads(model).find((x) => x.service.versions.length > 1)!;
  const zone = model.zones[0]!;
  const args = envoyArgs("files", identity(w, zone));
  const at = args.indexOf("--config-yaml");
  const without = [...args.slice(0, at), ...args.slice(at + 2)];
  assert.not.equal(loaded(files, w, zone, "files", memoParse(), without).bootstrap, plain(sidecarConfig(model, { drills: [] }, w, zone)).bootstrap);
});

/** What the xds delivery writes and checks: each folder's bootstrap-xds.yaml, and the served documents (never written). */
function xdsBuild(model: MeshModel, drills: readonly string[] = []): { files: Map<string, string>; served: Map<string, string> } {
  const options = { drills, delivery: "xds" as const };
  return {
    files: new Map(envoyTarget.build(model, options).map((a) => [a.path, a.content])),
    served: new Map(envoyTarget.checkedOnly!.build(model, options).map((a) => [a.path, a.content])),
  };
}

for (const [name, model, drills] of [
  ["the example, drill on", () => exampleModel(), ["inventory-slow"]],
  ["a generated 300-service mesh", () => generatedModel(300, 19), []],
] as const) {
  test(`xds delivery, ${name}: a folder holds only bootstrap-xds.yaml, whose effective config is its reference; the build checks what meshc serve sends`, async () => {
    const m = await model();
    const { files, served } = xdsBuild(m, drills);
    const parseYaml = memoParse();
    const differ: string[] = [];
    for (const w of workloads(m)) {
      for (const zone of m.zones) {
        const folder = envoyFolder(w.service.name, w.version, zone);
        const ref = plain(sidecarConfig(m, { drills }, w, zone));
        const xds = loaded(files, w, zone, "xds", parseYaml);
        if (!equal(xds.bootstrap, ref.bootstrapXds)) differ.push(`${w.name} ${zone} bootstrap-xds.yaml`);
        if (xds.lds !== undefined || xds.cds !== undefined) differ.push(`${w.name} ${zone} bootstrap-xds.yaml names files`);
        // What the server sends this sidecar (Envoy shape), from the constructors it uses, is what the build checked.
        const r = plain(sidecarResources(m, { drills }, w, zone, "envoy"));
        const resources = (file: string) => (parseYaml(served.get(`${folder}/served/${file}`)!).resources as Json[]).map(({ "@type": _t, ...rest }) => rest);
        if (!equal(resources("lds.yaml"), r.listeners)) differ.push(`${w.name} ${zone} served listeners`);
        if (!equal(resources("rds.yaml"), r.routes)) differ.push(`${w.name} ${zone} served routes`);
        if (!equal(resources("cds.yaml"), r.clusters)) differ.push(`${w.name} ${zone} served clusters`);
      }
    }
    assert.equal(differ.slice(0, 5), []);
    assert.equal([...new Set([...files.keys()].map((p) => p.slice(p.lastIndexOf("/") + 1)))], ["bootstrap-xds.yaml"], "nothing else is written");
    assert.is(files.size, m.services.length * m.zones.length);
  });
}

test("the check catches a version's own field left in a shared file, and another zone's folder", async () => {
  const model = await exampleModel();
  const files = built(model);
  const [zone, otherZone] = model.zones as [string, string];
  const cdsOf = (s: MeshModel["services"][number], z: string) => files.get(`${envoyFolder(s.name, "", z)}/cds.yaml`);
  // A service of several versions whose CDS differs between zones (it calls someone: the caller's zone first).
  const service = model.services.find((s) => s.versions.length > 1 && cdsOf(s, zone) !== cdsOf(s, otherZone))!;
  assert.ok(service, "the example has such a service");
  const [first, second] = workloads(model).filter((w) => w.service === service);
  const folder = envoyFolder(service.name, first!.version, zone);
  // The folder as a writer that kept the first version's workload name in the node metadata would leave it.
  const bootstrap = parse(files.get(`${folder}/bootstrap.yaml`)!);
  bootstrap.node.metadata.workload = first!.name;
  const leaked = new Map(files).set(`${folder}/bootstrap.yaml`, JSON.stringify(bootstrap));
  const { differ } = differences(model, leaked);
  assert.ok(differ.includes(`${second!.name} ${zone} bootstrap.yaml`), `the second version is caught: ${differ.join(", ")}`);
  // A listener file of another version's making: the first version's name in a stat prefix.
  const lds = files.get(`${folder}/lds.yaml`)!;
  const renamed = lds.replace(/stat_prefix: (\S+)/, `stat_prefix: $1_${first!.version}`);
  assert.is.not(renamed, lds, "the edit applies");
  assert.ok(differences(model, new Map(files).set(`${folder}/lds.yaml`, renamed)).differ.includes(`${second!.name} ${zone} lds.yaml`));
  // Another zone's CDS (the caller's own zone first) in this zone's folder.
  const other = envoyFolder(service.name, first!.version, otherZone);
  const swapped = new Map(files).set(`${folder}/cds.yaml`, files.get(`${other}/cds.yaml`)!);
  assert.ok(differences(model, swapped).differ.includes(`${first!.name} ${zone} cds.yaml`));
});

test.run();
