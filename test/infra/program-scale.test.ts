// The Pulumi program on a generated 1 000-service mesh (bench/generate): istio mode through Pulumi's engine
// mocks (the canary zone's stack), read from the real RegisterResource requests (counts per zone and
// kind, the zone's provider for every object, each object waiting for the record of the wave before it and
// each record for its whole wave, dependency edges linear in the resources); meshc mode on the rollout plan the program carries out (its ConfigMap payload makes the mocked run
// a benchmark, not a test: bench/pulumi-program.ts); and a one-service change, compared on the plan.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installMocks, type Registration, registered } from "../../infra/engine-mocks";

import { build, targets, workloads } from "../../compiler/api";
import type { Compiled } from "../../infra/compile";
import { MODE_FOLDER, MODE_TARGETS } from "../../infra/compile";
import { type KubeObject, zoneObjects } from "../../infra/output-objects";
import { deployCompiled } from "../../infra/program";
import { rolloutPlan } from "../../infra/rollout-plan";
import { builtCounts, isRecord, kindOf, objects, registeredCounts, zoneOf } from "./registered-objects";
import type { Mode, StackConfig } from "../../infra/stack-config";
import { generateMesh, writeMesh } from "../../bench/generate";
import { mountedConfigMaps } from "./registered-objects";

const SERVICES = 1000;
const scratch = mkdtempSync(join(tmpdir(), "meshc-infra-scale-"));
const mesh = generateMesh({ services: SERVICES, seed: 1 });
writeMesh(scratch, mesh.files);
const entry = join(scratch, mesh.entry);
const ZONES = ["zone-c", "zone-a", "zone-b"]; // rollout order differs from the policy's

function config(mode: Mode): StackConfig {
  return { policy: entry, mode, istioApi: "v1", istioWaitForReconciled: true, drills: [], delivery: "files", zones: ZONES.map((name) => ({ name, clusterIdentifier: name })) };
}

/** The build the program would deploy (the type check and validation add diagnostics only, never objects). */
const compiledBefore = new Map<Mode, Promise<Compiled & { workloads: number }>>();
/** The build of the unchanged mesh, made once per mode. */
function compileOnce(mode: Mode): Promise<Compiled & { workloads: number }> {
  if (!compiledBefore.has(mode)) compiledBefore.set(mode, compile(mode));
  return compiledBefore.get(mode)!;
}

async function compile(mode: Mode): Promise<Compiled & { workloads: number }> {
  const result = await build({ entry, checker: "none", validate: false, targets: targets.filter((t) => MODE_TARGETS[mode].includes(t.name)) });
  assert.ok(result.artifacts, result.diagnostics.map((d) => d.message).join("\n"));
  const prefix = `${MODE_FOLDER[mode]}/`;
  return { files: new Map(result.artifacts!.filter((a) => a.path.startsWith(prefix)).map((a) => [a.path, a.content])), zones: result.model!.zones, digest: "", workloads: workloads(result.model!).length };
}

const metadata = (r: Registration) => r.inputs.metadata as KubeObject["metadata"];
const waveOf = (r: Registration) => Number(metadata(r).annotations!["meshc.io/apply-wave"]);

/**
 * Deploys `zones` as one stack under a fresh mock engine and checks it. meshc mode runs a stack per zone, as
 * README "Deploying" advises at this size: all three zones in one stack carry ~36 000 resources and the whole
 * ConfigMap payload, which under the mocks alone outgrows Node's default 4 GB heap (bench/pulumi-program.ts).
 */
async function checkStack(mode: Mode, compiled: Compiled & { workloads: number }, zones: readonly string[]): Promise<void> {
  const registrations = installMocks();
  const stack: StackConfig = { ...config(mode), zones: zones.map((name) => ({ name, clusterIdentifier: name })) };
  const deployed = deployCompiled({ ...compiled, files: new Map([...compiled.files].filter(([path]) => zones.some((z) => path.startsWith(`${MODE_FOLDER[mode]}/${z}/`)))) }, stack);
  await registered(deployed.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
  const rs = objects(registrations);
  const providers = registrations.filter((r) => r.type === "pulumi:providers:kubernetes");
  assert.equal(providers.map((p) => p.name), zones);

  const counts = registeredCounts(registrations);
  assert.equal(counts, builtCounts(compiled.files, MODE_FOLDER[mode], zones));
  if (mode === "meshc") for (const zone of zones) assert.is(counts[zone]!.Deployment, compiled.workloads, `${zone}: a Deployment per workload`);
  assert.ok(rs.length > 5000 * zones.length, `${rs.length} objects`);

  const byUrn = new Map(rs.map((r) => [r.urn, r]));
  let gate: string | undefined;
  for (const zone of zones) {
    const provider = providers.find((p) => p.name === zone)!;
    const inZone = rs.filter((r) => zoneOf(r) === zone);
    for (const r of inZone) {
      assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.name} goes through ${zone}'s provider`);
      assert.ok(r.parent.endsWith(`meshc:index:MeshZone::${zone}`));
    }
    const records = inZone.filter((r) => isRecord(r)).sort((a, b) => Number((a.inputs.data as any).wave) - Number((b.inputs.data as any).wave));
    let before: string | undefined = gate;
    for (const record of records) {
      const wave = Number((record.inputs.data as { wave: string }).wave);
      const members = inZone.filter((r) => !isRecord(r) && waveOf(r) === wave);
      assert.ok(members.length > 0);
      // Every object of the wave waits for the record of the wave before (or the previous zone's gate) …
      for (const m of members) assert.equal(m.dependencies, before ? [before] : [], `${m.name} waits for ${before ? byUrn.get(before)!.name : "nothing"}`);
      // … and the wave's record for every object of the wave: so each wave starts after all of the one before.
      assert.equal([...record.dependencies].sort(), members.map((m) => m.urn).sort(), `${record.name} waits for its whole wave`);
      before = record.urn;
    }
    assert.is(records.length, new Set(inZone.filter((r) => !isRecord(r)).map(waveOf)).size, "one record per wave");
    const gating = records.filter((rec) => inZone.some((r) => kindOf(r) === "Deployment" && waveOf(r) === Number((rec.inputs.data as any).wave))).at(-1) ?? records.at(-1)!;
    gate = gating.urn;
    if (mode === "meshc") {
      const configMaps = new Map(inZone.filter((r) => kindOf(r) === "ConfigMap").map((r) => [`${metadata(r).namespace}/${metadata(r).name}`, r]));
      for (const d of inZone.filter((r) => kindOf(r) === "Deployment")) {
        const mounted = mountedConfigMaps((d.inputs.spec as any).template.spec.volumes);
        assert.is(mounted.length, 3, "Envoy files, capture files, capture runtime");
        for (const name of mounted) {
          const cm = configMaps.get(`${metadata(d).namespace}/${name}`);
          assert.ok(cm && waveOf(cm) < waveOf(d), `${d.name} mounts ${name}, which an earlier wave creates`);
        }
      }
    }
  }
  const edges = registrations.reduce((n, r) => n + r.dependencies.length, 0);
  assert.ok(edges <= 2 * registrations.length, `${edges} dependency edges for ${registrations.length} resources`);
}

test(`meshc mode at ${SERVICES} services: the rollout plan the program carries out holds every object, wave by wave`, async () => {
  // Through the mock engine this mode's ~36 000 resources and their ConfigMap payload outgrow Node's default
  // heap (bench/pulumi-program.ts measures it with more); the plan is what MeshZone carries out object for
  // object (program.test.ts on the example, the istio test below at this size), so it is checked here.
  const compiled = await compileOnce("meshc");
  const plans = rolloutPlan(new Map(ZONES.map((z) => [z, zoneObjects(compiled.files, "kubernetes", z)])), config("meshc").zones);
  assert.equal(plans.map((p) => p.zone.name), ZONES);
  for (const plan of plans) {
    const objects = zoneObjects(compiled.files, "kubernetes", plan.zone.name);
    const planned = plan.waves.flatMap((w) => w.objects);
    assert.is(planned.length, objects.length + 1, "every object of the zone, plus meshc's namespace");
    assert.is(planned.filter((p) => p.object.kind === "Deployment").length, compiled.workloads);
    for (const w of plan.waves) for (const p of w.objects) assert.is(Number(p.object.metadata.annotations?.["meshc.io/apply-wave"]), w.wave, p.resourceName);
    const configMapWave = new Map(plan.waves.flatMap((w) => w.objects.filter((p) => p.object.kind === "ConfigMap").map((p) => [`${p.object.metadata.namespace}/${p.object.metadata.name}`, w.wave])));
    for (const w of plan.waves) {
      for (const d of w.objects.filter((p) => p.object.kind === "Deployment")) {
        const mounted = mountedConfigMaps((d.object.spec as any).template.spec.volumes);
        assert.is(mounted.length, 3, "Envoy files, capture files, capture runtime");
        for (const name of mounted) assert.ok((configMapWave.get(`${d.object.metadata.namespace}/${name}`) ?? Infinity) < w.wave, `${d.resourceName} mounts ${name}, which an earlier wave creates`);
      }
    }
    assert.is(plan.gate, plan.waves.find((w) => w.objects.some((p) => p.object.kind === "Deployment"))!.record.resourceName);
  }
});

test(`istio mode at ${SERVICES} services, the canary zone's stack: counts, provider, make-before-break edges, linear`, async () => {
  // One zone (~5 400 resources) keeps this test within the suite's time; the zone-order edges are the same at
  // any size (program.test.ts), and the benchmark runs all zones in one stack.
  await checkStack("istio", await compile("istio"), ZONES.slice(0, 1));
});

test(`at ${SERVICES} services, a change confined to one service plans new ConfigMaps and Deployment updates for it alone`, async () => {
  const target = mesh.services.find((s) => !s.hub && /rateLimit: \{ requestsPerSecond: \d+/.test(readFileSync(join(scratch, "teams", `${s.team}.ts`), "utf8").split(`service(${JSON.stringify(s.name)}`)[1]!.split("});")[0]!));
  assert.ok(target, "the generated mesh has a rate-limited service");
  const plan = (compiled: Compiled) => {
    const objects = new Map(ZONES.map((z) => [z, zoneObjects(compiled.files, "kubernetes", z)]));
    // A digest per object, not its text: two plans' ConfigMap payloads at once would be most of the heap.
    return new Map(rolloutPlan(objects, config("meshc").zones).flatMap((z) => z.waves.flatMap((w) => [...w.objects, w.record])).map((p) => [`${p.object.kind}|${p.resourceName}`, createHash("sha256").update(JSON.stringify(p.object)).digest("hex")]));
  };
  const before = plan(await compileOnce("meshc"));
  compiledBefore.delete("meshc");
  const file = join(scratch, "teams", `${target!.team}.ts`);
  const text = readFileSync(file, "utf8");
  const [head, tail] = text.split(`service(${JSON.stringify(target!.name)}`) as [string, string];
  writeFileSync(file, `${head}service(${JSON.stringify(target!.name)}${tail.replace(/rateLimit: \{ requestsPerSecond: (\d+)/, (_m, n) => `rateLimit: { requestsPerSecond: ${Number(n) + 1}`)}`);
  try {
    const after = plan(await compile("meshc"));
    const created = [...after.keys()].filter((k) => !before.has(k));
    const removed = [...before.keys()].filter((k) => !after.has(k));
    const updated = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
    const name = (k: string) => k.split("/").pop()!;
    assert.ok(created.length > 0 && updated.length > 0);
    for (const k of [...created, ...removed]) assert.ok(k.startsWith("ConfigMap|") && name(k).startsWith(`${target!.name}-`), `${k} is one of ${target!.name}'s ConfigMaps`);
    assert.is(created.length, removed.length, "each new ConfigMap replaces an old one");
    for (const k of updated) assert.ok(k.startsWith("Deployment|") && name(k).startsWith(`${target!.name}-`), `${k} is one of ${target!.name}'s Deployments`);
  } finally {
    writeFileSync(file, text);
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
