// The whole Pulumi program under Pulumi's engine mocks, on the example in both modes: resources per zone and
// kind, one provider per zone, the dependency edges of make-before-break and zone order, a one-service change,
// and a policy with errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { installMocks, type Registration, registered, stackOutputs } from "../../infra/engine-mocks";

// One mock engine for the whole file (a new one would miss the outputs a previous run registers late);
// each run empties the record first.
const registrations = installMocks();
const fresh = () => registrations.splice(0, registrations.length);

import { build, targets, workloads } from "../../compiler/api";
import { MODE_FOLDER } from "../../infra/compile";
import { builtCounts, isRecord, kindOf, objects, registeredCounts, zoneOf } from "./registered-objects";
import { deployMesh } from "../../infra/program";
import type { Mode, StackConfig } from "../../infra/stack-config";
import { mountedConfigMaps } from "./registered-objects";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-infra-"));
const policy = join(scratch, "uaek");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const ZONES = ["cn-bj2-03", "cn-bj2-02", "cn-bj2-05"]; // rollout order: the canary (03) first, not the policy's order

function config(mode: Mode, entry = join(policy, "mesh.ts")): StackConfig {
  return { policy: entry, mode, istioApi: "v1", istioWaitForReconciled: true, drills: [], delivery: "files", zones: ZONES.map((name) => ({ name, clusterIdentifier: name })) };
}

async function run(mode: Mode): Promise<Registration[]> {
  fresh();
  const deployed = await deployMesh(config(mode));
  await registered(deployed.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
  return [...registrations];
}


function closure(rs: Registration[], urn: string): Set<string> {
  const byUrn = new Map(rs.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const stack = [...(byUrn.get(urn)?.dependencies ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byUrn.get(next)?.dependencies ?? []));
  }
  return seen;
}

async function expectedCounts(mode: Mode): Promise<{ counts: Record<string, Record<string, number>>; workloads: number }> {
  const wanted = mode === "meshc" ? ["capture", "envoy", "kubernetes"] : ["istio"];
  const result = await build({ entry: join(policy, "mesh.ts"), checker: "none", targets: targets.filter((t) => wanted.includes(t.name)) });
  const files = new Map(result.artifacts!.map((a) => [a.path, a.content]));
  return { counts: builtCounts(files, MODE_FOLDER[mode], ZONES), workloads: workloads(result.model!).length };
}

for (const mode of ["meshc", "istio"] as const) {
  test(`${mode} mode: every object of the build, per zone and kind, through its zone's own provider`, async () => {
    const rs = await run(mode);
    const providers = rs.filter((r) => r.type === "pulumi:providers:kubernetes");
    assert.equal(providers.map((p) => p.name), ZONES, "one provider per zone, created in rollout order");
    for (const p of providers) assert.is(p.inputs.clusterIdentifier, p.name);
    const counts = registeredCounts(rs);
    const expected = await expectedCounts(mode);
    assert.equal(counts, expected.counts);
    for (const zone of ZONES) assert.is(objects(rs).filter((r) => isRecord(r) && zoneOf(r) === zone).length, mode === "meshc" ? 2 : 3, `${zone}: one rollout record per wave`);
    if (mode === "meshc") for (const zone of ZONES) assert.is(counts[zone]!.Deployment, expected.workloads, `${zone}: a Deployment per workload`);
    for (const r of objects(rs)) {
      const provider = providers.find((p) => p.name === zoneOf(r))!;
      assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.name} is created through zone ${zoneOf(r)}'s provider`);
      assert.ok(r.parent.endsWith(`meshc:index:MeshZone::${zoneOf(r)}`), `${r.name} belongs to its zone's component`);
    }
  });

  test(`${mode} mode: make-before-break inside a zone, and zones one after another`, async () => {
    const all = objects(await run(mode));
    const rs = all.filter((r) => !isRecord(r));
    const wave = (r: Registration) => Number((r.inputs.metadata as { annotations: Record<string, string> }).annotations["meshc.io/apply-wave"]);
    const edges = all.reduce((n, r) => n + r.dependencies.length, 0);
    assert.ok(edges <= 2 * all.length, `${edges} dependency edges for ${all.length} objects: linear, through the rollout records`);
    for (const r of rs) {
      const before = closure(all, r.urn);
      // Everything of an earlier wave in the same zone exists before this object is created.
      for (const earlier of rs.filter((o) => zoneOf(o) === zoneOf(r) && wave(o) < wave(r))) assert.ok(before.has(earlier.urn), `${r.name} waits for ${earlier.name}`);
    }
    for (let i = 1; i < ZONES.length; i++) {
      const gate = rs.filter((r) => zoneOf(r) === ZONES[i - 1] && (mode === "istio" ? kindOf(r) === "VirtualService" : kindOf(r) === "Deployment"));
      assert.ok(gate.length > 0);
      for (const r of rs.filter((o) => zoneOf(o) === ZONES[i])) {
        const before = closure(all, r.urn);
        for (const g of gate) assert.ok(before.has(g.urn), `${r.name} (${ZONES[i]}) waits for ${g.name} (${ZONES[i - 1]})`);
      }
    }
    if (mode === "meshc") {
      for (const d of rs.filter((r) => kindOf(r) === "Deployment")) {
        const volumes = mountedConfigMaps((d.inputs.spec as any).template.spec.volumes);
        assert.is(volumes.length, 3, `${d.name} mounts its config: Envoy files, capture files, capture runtime`);
        const before = closure(all, d.urn);
        for (const name of volumes) {
          const cm = rs.find((r) => kindOf(r) === "ConfigMap" && zoneOf(r) === zoneOf(d) && (r.inputs.metadata as { name: string }).name === name);
          assert.ok(cm && before.has(cm.urn), `${d.name} is created after ConfigMap ${name}`);
        }
      }
    } else {
      for (const r of rs.filter((o) => kindOf(o) === "DestinationRule")) assert.is((r.inputs.metadata as any).annotations["pulumi.com/waitFor"], "condition=Reconciled", "subsets propagate before routes name them");
    }
  });
}

test("a change confined to one service makes new ConfigMaps for it only and updates only its Deployments", async () => {
  const before = objects(await run("meshc"));
  const shop = join(policy, "teams/shop.ts");
  const text = readFileSync(shop, "utf8");
  const changed = text.replace(/rateLimit: \{ requestsPerSecond: (\d+)/, (_m, n) => `rateLimit: { requestsPerSecond: ${Number(n) + 1}`);
  assert.ok(changed !== text, "the example's shop team sets a rate limit");
  writeFileSync(shop, changed);
  try {
    const after = objects(await run("meshc"));
    const service = /export const (\w+) = service\("(\w+)"[^]*?rateLimit: \{ requestsPerSecond/.exec(changed)![2]!;
    const key = (r: Registration) => `${r.type}|${r.name}`;
    const old = new Map(before.map((r) => [key(r), r]));
    const created = after.filter((r) => !old.has(key(r)));
    assert.ok(created.length > 0);
    for (const r of created) {
      assert.is(kindOf(r), "ConfigMap", `${r.name} is new`);
      assert.ok((r.inputs.metadata as { name: string }).name.startsWith(`${service}-`), `${r.name} belongs to ${service}`);
    }
    const updated = after.filter((r) => old.has(key(r)) && JSON.stringify(old.get(key(r))!.inputs) !== JSON.stringify(r.inputs));
    assert.ok(updated.length > 0);
    for (const r of updated) {
      assert.is(kindOf(r), "Deployment", `${r.name} changes`);
      assert.ok((r.inputs.metadata as { name: string }).name.startsWith(`${service}-`), `${r.name} is one of ${service}'s Deployments`);
    }
  } finally {
    writeFileSync(shop, text);
  }
});

test("meshc mode, xds delivery: ConfigMaps hold only the xDS bootstrap, and each zone gets its meshc serve", async () => {
  fresh();
  const deployed = await deployMesh({ ...config("meshc"), delivery: "xds", xdsServer: { image: "registry.example/meshc-serve:1", entry: "/etc/meshc/policy/mesh.ts" } });
  await registered(deployed.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
  const rs = objects(registrations).filter((r) => !isRecord(r));
  const envoyMaps = rs.filter((r) => kindOf(r) === "ConfigMap" && (r.inputs.metadata as any).labels?.["meshc.io/config"] === "envoy");
  assert.ok(envoyMaps.length > 0);
  for (const cm of envoyMaps) assert.equal(Object.keys(cm.inputs.data as object), ["bootstrap-xds.yaml"], `${cm.name} holds only the xDS bootstrap`);
  for (const zone of ZONES) {
    const servers = rs.filter((r) => zoneOf(r) === zone && kindOf(r) === "Deployment" && (r.inputs.metadata as any).namespace === "meshc-system");
    assert.is(servers.length, 1, `${zone} runs one meshc serve Deployment`);
    assert.ok(JSON.stringify((servers[0]!.inputs.spec as any).template.spec.containers).includes("registry.example/meshc-serve:1"));
    assert.is(rs.filter((r) => zoneOf(r) === zone && kindOf(r) === "Namespace" && (r.inputs.metadata as any).name === "meshc-system").length, 1, "the build's meshc-system, not a second one");
  }
});

test("a stack per zone: a stack that follows another goes only once that one deployed the same policy", async () => {
  const canary = { ...config("meshc"), zones: [{ name: ZONES[0]!, clusterIdentifier: ZONES[0]! }] };
  fresh();
  const first = await deployMesh(canary);
  await registered(first.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
  assert.match(first.policyDigest, /^sha256:[0-9a-f]{64}$/);
  const next = { ...config("meshc"), zones: [{ name: ZONES[1]!, clusterIdentifier: ZONES[1]! }], after: "acme/meshc-mesh/canary" };
  stackOutputs.set("acme/meshc-mesh/canary", { policyDigest: "sha256:0000" });
  fresh();
  try {
    await deployMesh(next);
    assert.unreachable("the canary stack has another policy");
  } catch (error) {
    assert.match(String((error as Error).message), /meshc:after is acme\/meshc-mesh\/canary, whose last update deployed policy sha256:0000; this stack's policy is sha256:[0-9a-f]{64}\. Update acme\/meshc-mesh\/canary first/);
  }
  assert.equal(objects(registrations), [], "nothing is created");
  stackOutputs.set("acme/meshc-mesh/canary", { policyDigest: first.policyDigest });
  fresh();
  const second = await deployMesh(next);
  await registered(second.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
  assert.is(second.policyDigest, first.policyDigest, "one policy, whichever zones a stack deploys");
  assert.ok(objects(registrations).length > 0 && objects(registrations).every((r) => zoneOf(r) === ZONES[1]), "the second stack deploys its own zone");
  stackOutputs.clear();
});

test("a policy with errors fails the update with its MESH diagnostic, and nothing is created", async () => {
  const broken = join(scratch, "broken");
  cpSync(policy, broken, { recursive: true });
  const shop = join(broken, "teams/shop.ts");
  writeFileSync(shop, readFileSync(shop, "utf8").replace("calls: [svc.inventory", "calls: [svc.inventorry"));
  fresh();
  try {
    await deployMesh(config("meshc", join(broken, "mesh.ts")));
    assert.unreachable("the update should fail");
  } catch (error) {
    assert.match(String((error as Error).message), /error MESH101/);
  }
  assert.equal(registrations, []);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
