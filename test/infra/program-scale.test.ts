// The Pulumi program under Pulumi's engine mocks on a generated 1 000-service mesh (bench/generate), in both
// modes: what program.test.ts shows on the example, at mesh scale, read from the real RegisterResource
// requests. Counts per zone and kind, one provider per zone, every object through its zone's provider, the
// make-before-break and zone-order edges (each object waits for the record of the wave before it, each record
// for every object of its wave), and dependency edges linear in the number of resources. The one-service change
// is compared on the rollout plan, which the first test shows the program carries out object for object.
// Its time is measured in the benchmark (bench/pulumi-program.ts), never here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installMocks, type Registration, registered } from "../../infra/engine-mocks";

const registrations = installMocks();

import { build, targets, workloads } from "../../compiler/api";
import type { Compiled } from "../../infra/compile";
import { MODE_FOLDER, MODE_TARGETS } from "../../infra/compile";
import { type KubeObject, zoneObjects } from "../../infra/output-objects";
import { deployCompiled } from "../../infra/program";
import { rolloutPlan } from "../../infra/rollout-plan";
import { isRolloutRecord } from "../../infra/rollout-record";
import type { Mode, StackConfig } from "../../infra/stack-config";
import { generateMesh, writeMesh } from "../../bench/generate";

const SERVICES = 1000;
const scratch = mkdtempSync(join(tmpdir(), "meshc-infra-scale-"));
const mesh = generateMesh({ services: SERVICES, seed: 1 });
writeMesh(scratch, mesh.files);
const entry = join(scratch, mesh.entry);
const ZONES = ["zone-c", "zone-a", "zone-b"]; // rollout order differs from the policy's

function config(mode: Mode): StackConfig {
  return { policy: entry, mode, istioApi: "v1", istioWaitForReconciled: true, drills: [], zones: ZONES.map((name) => ({ name, clusterIdentifier: name })) };
}

/** The build the program would deploy (the type check and validation add diagnostics only, never objects). */
async function compile(mode: Mode): Promise<Compiled & { workloads: number }> {
  const result = await build({ entry, checker: "none", validate: false, targets: targets.filter((t) => MODE_TARGETS[mode].includes(t.name)) });
  assert.ok(result.artifacts, result.diagnostics.map((d) => d.message).join("\n"));
  return { files: new Map(result.artifacts!.map((a) => [a.path, a.content])), zones: result.model!.zones, workloads: workloads(result.model!).length };
}

const zoneOf = (r: Registration) => r.name.split("/")[0]!;
const kindOf = (r: Registration) => r.type.split(":").pop()!;
const metadata = (r: Registration) => r.inputs.metadata as KubeObject["metadata"];
const waveOf = (r: Registration) => Number(metadata(r).annotations!["meshc.io/apply-wave"]);

for (const mode of ["meshc", "istio"] as const) {
  test(`${mode} mode at ${SERVICES} services: counts, providers, and make-before-break edges, linear`, async () => {
    const compiled = await compile(mode);
    registrations.splice(0, registrations.length);
    const deployed = deployCompiled(compiled, config(mode));
    await registered(deployed.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
    const rs = registrations.filter((r) => r.type.startsWith("kubernetes:"));
    const providers = registrations.filter((r) => r.type === "pulumi:providers:kubernetes");
    assert.equal(providers.map((p) => p.name), ZONES);

    const counts: Record<string, Record<string, number>> = {};
    for (const r of rs.filter((r) => !isRolloutRecord(r.inputs as never))) (counts[zoneOf(r)] ??= {})[kindOf(r)] = ((counts[zoneOf(r)] ??= {})[kindOf(r)] ?? 0) + 1;
    const expected: Record<string, Record<string, number>> = {};
    for (const zone of ZONES) {
      const objects = zoneObjects(compiled.files, MODE_FOLDER[mode], zone);
      for (const o of objects) (expected[zone] ??= {})[o.object.kind] = ((expected[zone] ??= {})[o.object.kind] ?? 0) + 1;
      if (!objects.some((o) => o.object.kind === "Namespace" && o.object.metadata.name === "meshc-system")) expected[zone]!.Namespace! += 1;
    }
    assert.equal(counts, expected);
    if (mode === "meshc") for (const zone of ZONES) assert.is(counts[zone]!.Deployment, compiled.workloads, `${zone}: a Deployment per workload`);
    assert.ok(rs.length > 5000 * ZONES.length, `${rs.length} objects`);

    const byUrn = new Map(rs.map((r) => [r.urn, r]));
    let gate: string | undefined;
    for (const zone of ZONES) {
      const provider = providers.find((p) => p.name === zone)!;
      const inZone = rs.filter((r) => zoneOf(r) === zone);
      for (const r of inZone) {
        assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.name} goes through ${zone}'s provider`);
        assert.ok(r.parent.endsWith(`meshc:index:MeshZone::${zone}`));
      }
      const records = inZone.filter((r) => isRolloutRecord(r.inputs as never)).sort((a, b) => Number((a.inputs.data as any).wave) - Number((b.inputs.data as any).wave));
      let before: string | undefined = gate;
      for (const record of records) {
        const wave = Number((record.inputs.data as { wave: string }).wave);
        const members = inZone.filter((r) => !isRolloutRecord(r.inputs as never) && waveOf(r) === wave);
        assert.ok(members.length > 0);
        // Every object of the wave waits for the record of the wave before (or the previous zone's gate) …
        for (const m of members) assert.equal(m.dependencies, before ? [before] : [], `${m.name} waits for ${before ? byUrn.get(before)!.name : "nothing"}`);
        // … and the wave's record for every object of the wave: so each wave starts after all of the one before.
        assert.equal([...record.dependencies].sort(), members.map((m) => m.urn).sort(), `${record.name} waits for its whole wave`);
        before = record.urn;
      }
      assert.is(records.length, new Set(inZone.filter((r) => !isRolloutRecord(r.inputs as never)).map(waveOf)).size, "one record per wave");
      const gating = records.filter((rec) => inZone.some((r) => kindOf(r) === "Deployment" && waveOf(r) === Number((rec.inputs.data as any).wave))).at(-1) ?? records.at(-1)!;
      gate = gating.urn;
      if (mode === "meshc") {
        const configMaps = new Map(inZone.filter((r) => kindOf(r) === "ConfigMap").map((r) => [`${metadata(r).namespace}/${metadata(r).name}`, r]));
        for (const d of inZone.filter((r) => kindOf(r) === "Deployment")) {
          const mounted = ((d.inputs.spec as any).template.spec.volumes as { configMap?: { name: string } }[]).flatMap((v) => (v.configMap ? [v.configMap.name] : []));
          assert.ok(mounted.length >= 2);
          for (const name of mounted) {
            const cm = configMaps.get(`${metadata(d).namespace}/${name}`);
            assert.ok(cm && waveOf(cm) < waveOf(d), `${d.name} mounts ${name}, which an earlier wave creates`);
          }
        }
      }
    }
    const edges = registrations.reduce((n, r) => n + r.dependencies.length, 0);
    assert.ok(edges <= 2 * registrations.length, `${edges} dependency edges for ${registrations.length} resources`);
  });
}

test(`at ${SERVICES} services, a change confined to one service plans new ConfigMaps and Deployment updates for it alone`, async () => {
  const target = mesh.services.find((s) => !s.hub && /rateLimit: \{ requestsPerSecond: \d+/.test(readFileSync(join(scratch, "teams", `${s.team}.ts`), "utf8").split(`service(${JSON.stringify(s.name)}`)[1]!.split("});")[0]!));
  assert.ok(target, "the generated mesh has a rate-limited service");
  const plan = (compiled: Compiled) => {
    const objects = new Map(ZONES.map((z) => [z, zoneObjects(compiled.files, "kubernetes", z)]));
    return new Map(rolloutPlan(objects, config("meshc").zones).flatMap((z) => z.waves.flatMap((w) => [...w.objects, w.record])).map((p) => [`${p.object.kind}|${p.resourceName}`, JSON.stringify(p.object)]));
  };
  const before = plan(await compile("meshc"));
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
