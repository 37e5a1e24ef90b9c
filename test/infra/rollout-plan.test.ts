// The rollout plan without an engine: waves in order, zones one after another, shared clusters, bad output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { zoneObjects } from "../../infra/output-objects";
import { rolloutPlan } from "../../infra/rollout-plan";
import type { ZoneCluster } from "../../infra/stack-config";

function object(kind: string, name: string, wave: number, extra: Record<string, unknown> = {}) {
  const apiVersion = kind === "Deployment" ? "apps/v1" : kind === "VirtualService" ? "networking.istio.io/v1" : "v1";
  return { apiVersion, kind, metadata: { name, namespace: kind === "Namespace" ? undefined : "shop", annotations: { "meshc.io/apply-wave": String(wave) } }, ...extra };
}

function files(zones: readonly string[], extra: (zone: string) => object[] = () => []): Map<string, string> {
  const out = new Map<string, string>();
  for (const zone of zones) {
    const docs = [object("Deployment", `orders-v1-${zone}`, 2), object("ConfigMap", `orders-envoy-${zone}-abc`, 0), object("VirtualService", "orders", 3), ...extra(zone)];
    out.set(`kubernetes/${zone}/orders.yaml`, docs.map((d) => stringify(JSON.parse(JSON.stringify(d)))).join("---\n"));
    out.set(`kubernetes/${zone}/namespaces.yaml`, stringify(JSON.parse(JSON.stringify(object("Namespace", "shop", 0)))));
  }
  return out;
}

const zone = (name: string, cluster = name): ZoneCluster => ({ name, clusterIdentifier: cluster });

function plan(zones: ZoneCluster[], built = files(zones.map((z) => z.name))) {
  return rolloutPlan(new Map(zones.map((z) => [z.name, zoneObjects(built, "kubernetes", z.name)])), zones);
}

test("waves ascend inside a zone and each holds only its own wave's objects", () => {
  const [a] = plan([zone("a")]);
  assert.equal(a!.waves.map((w) => w.wave), [0, 2, 3]);
  assert.equal(a!.waves[0]!.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`).sort(), [`ConfigMap/orders-envoy-a-abc`, "Namespace/meshc-system", "Namespace/shop"]);
  assert.equal(a!.waves[2]!.objects.map((o) => o.object.kind), ["VirtualService"]);
});

test("a zone's gate is the record of its Deployments' wave; zones follow the configured order, not the alphabet", () => {
  const zones = plan([zone("z-canary"), zone("a-second")]);
  assert.equal(zones.map((z) => z.zone.name), ["z-canary", "a-second"]);
  assert.is(zones[0]!.gate, "z-canary/meshc-system/meshc-rollout-z-canary-wave-2");
  const record = zones[0]!.waves.find((w) => w.wave === 2)!.record.object;
  assert.equal(record.data, { zone: "z-canary", wave: "2", objects: "1", meaning: "every object of wave 2 in zone z-canary is done; wave 3 starts after this record" });
});

test("every wave has one rollout record in meshc's namespace; a build that has the namespace keeps its own", () => {
  const [a] = plan([zone("a")]);
  assert.equal(a!.waves.map((w) => w.record.resourceName), ["a/meshc-system/meshc-rollout-a-wave-0", "a/meshc-system/meshc-rollout-a-wave-2", "a/meshc-system/meshc-rollout-a-wave-3"]);
  assert.equal(a!.waves.map((w) => w.record.object.data), [
    { zone: "a", wave: "0", objects: "3", meaning: "every object of wave 0 in zone a is done; wave 2 starts after this record" },
    { zone: "a", wave: "2", objects: "1", meaning: "every object of wave 2 in zone a is done; wave 3 starts after this record" },
    { zone: "a", wave: "3", objects: "1", meaning: "every object of wave 3 in zone a is done" },
  ]);
  const own = { apiVersion: "v1", kind: "Namespace", metadata: { name: "meshc-system", labels: { team: "platform" }, annotations: { "meshc.io/apply-wave": "0" } } };
  const [b] = plan([zone("a")], files(["a"], () => [own]));
  const namespaces = b!.waves[0]!.objects.filter((o) => o.object.metadata.name === "meshc-system");
  assert.is(namespaces.length, 1);
  assert.equal(namespaces[0]!.object.metadata.labels, { team: "platform" }, "the build's own Namespace, not the plan's");
});

test("zones on one cluster deploy a shared object once, in the earlier zone", () => {
  const zones = plan([zone("a", "one"), zone("b", "one")]);
  const names = (i: number) => zones[i]!.waves.flatMap((w) => w.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`));
  assert.ok(names(0).includes("Namespace/shop"));
  assert.not.ok(names(1).includes("Namespace/shop"));
  assert.ok(names(1).includes("Deployment/orders-v1-b"), "zone-specific objects stay with their zone");
  assert.equal(zones[1]!.shared, ["v1/Namespace//meshc-system", "v1/Namespace//shop", "networking.istio.io/v1/VirtualService/shop/orders"]);
  assert.ok(zones[1]!.waves.every((w) => w.record.resourceName.startsWith("b/")), "each zone keeps its own records");
});

test("the same object with different content in zones sharing a cluster is refused", () => {
  const zones = [zone("a", "one"), zone("b", "one")];
  const built = files(["a", "b"], (z) => [object("Service", "orders", 0, { spec: { zone: z } })]);
  assert.throws(() => plan(zones, built), /Service shop\/orders differs between zones a and b, which share cluster one/);
});

test("separate clusters each get every object", () => {
  const zones = plan([zone("a"), zone("b")]);
  assert.equal(zones[1]!.shared, []);
  assert.ok(zones[1]!.waves[0]!.objects.some((o) => o.object.kind === "Namespace"));
});

test("an object without an apply wave, or a zone the build lacks, is an error", () => {
  const built = new Map([["kubernetes/a/x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"]]);
  assert.throws(() => zoneObjects(built, "kubernetes", "a"), /no valid meshc.io\/apply-wave annotation/);
  assert.throws(() => rolloutPlan(new Map(), [zone("a")]), /no objects for zone a/);
});

test("Istio kinds named for reconciliation wait for it", () => {
  const built = files(["a"]);
  const zones = rolloutPlan(new Map([["a", zoneObjects(built, "kubernetes", "a")]]), [zone("a")], { waitForReconciled: ["VirtualService"] });
  const vs = zones[0]!.waves.flatMap((w) => w.objects).find((o) => o.object.kind === "VirtualService");
  assert.is(vs!.waitFor, "condition=Reconciled");
  assert.is(zones[0]!.waves.flatMap((w) => w.objects).find((o) => o.object.kind === "ConfigMap")!.waitFor, undefined);
});

test.run();
