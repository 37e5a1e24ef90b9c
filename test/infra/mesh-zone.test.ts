// MeshZone under Pulumi's engine mocks, on a small synthetic plan: one provider per zone, every object through
// it, wave n+1 depending on wave n through the wave's rollout record, the next zone on this zone's Deployments'.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { installMocks, registered } from "../../infra/engine-mocks";

const registrations = installMocks();

import { MeshZone } from "../../infra/mesh-zone";
import { zoneObjects } from "../../infra/output-objects";
import { rolloutPlan } from "../../infra/rollout-plan";

const wave = (n: number) => ({ "meshc.io/apply-wave": String(n) });
function files(zone: string): Map<string, string> {
  const docs = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${zone}`, namespace: "shop", annotations: wave(0) }, data: { a: "b" } },
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: `orders-${zone}`, namespace: "shop", annotations: wave(2) }, spec: {} },
    { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "orders", namespace: "shop", annotations: wave(3) }, spec: { hosts: ["orders"] } },
  ];
  return new Map([[`kubernetes/${zone}/orders.yaml`, docs.map((d) => stringify(d)).join("---\n")]]);
}

test("each zone has its own provider; waves and zones are ordered by dependsOn", async () => {
  const zones = [{ name: "b", clusterIdentifier: "b" }, { name: "a", clusterIdentifier: "a", context: "ctx-a" }];
  const plan = rolloutPlan(new Map(zones.map((z) => [z.name, zoneObjects(files(z.name), "kubernetes", z.name)])), zones);
  const first = new MeshZone("b", { plan: plan[0]!, after: [] });
  const second = new MeshZone("a", { plan: plan[1]!, after: first.gate });
  await registered([...first.resources.values(), ...second.resources.values(), first.provider, second.provider]);

  const providers = registrations.filter((r) => r.type === "pulumi:providers:kubernetes");
  assert.equal(providers.map((p) => p.name).sort(), ["a", "b"]);
  assert.is(providers.find((p) => p.name === "a")!.inputs.context, "ctx-a");
  assert.is(providers.find((p) => p.name === "a")!.inputs.clusterIdentifier, "a");
  const byName = (name: string) => registrations.find((r) => r.name === name)!;
  for (const zone of ["a", "b"]) {
    const provider = providers.find((p) => p.name === zone)!;
    for (const r of registrations.filter((r) => r.name.startsWith(`${zone}/`))) assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.name} uses zone ${zone}'s provider`);
  }
  const record = (zone: string, wave: number) => byName(`${zone}/meshc-system/meshc-rollout-${zone}-wave-${wave}`);
  assert.equal(byName("b/shop/cm-b").dependencies, []);
  assert.equal(byName("b/_/meshc-system").dependencies, []);
  assert.equal([...record("b", 0).dependencies].sort(), [byName("b/_/meshc-system").urn, byName("b/shop/cm-b").urn].sort(), "a wave's record waits for every object of the wave");
  assert.equal(byName("b/shop/orders-b").dependencies, [record("b", 0).urn]);
  assert.equal(record("b", 2).dependencies, [byName("b/shop/orders-b").urn]);
  assert.equal(byName("b/shop/orders").dependencies, [record("b", 2).urn]);
  assert.equal(byName("a/shop/cm-a").dependencies, [record("b", 2).urn], "zone a starts after zone b's Deployments' record");
  assert.is(record("a", 0).type, "kubernetes:core/v1:ConfigMap");
  assert.is(byName("a/shop/orders").type, "kubernetes:networking.istio.io/v1:VirtualService");
  assert.is(byName("a/shop/orders-a").type, "kubernetes:apps/v1:Deployment");
});

test.run();
