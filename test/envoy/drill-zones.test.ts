// A drill's `zones` are the caller's zones, not the target's: Envoy's fault filter runs in the calling sidecar,
// before the load balancer picks an endpoint, and one cluster spans every zone of the target. These tests pin
// that meaning in the generated config (a caller in the drill's zone faults the requests it fails over to other
// zones; a caller elsewhere never faults, though its cluster fails over into the drill's zone) and in what the
// author reads on hover, so the two cannot drift apart silently.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolve } from "node:path";
import { Project } from "ts-morph";
import { exampleModel } from "./example-model";
import { cluster, type Doc, outboundRouteTable, sidecar } from "./generated-config";

const DRILL = "inventory-slow";
const INVENTORY = "outbound|9090|v1|inventory.shop.svc.cluster.local";

function zonesByPriority(c: Doc): string[] {
  return [...c.load_assignment.endpoints].sort((a: Doc, b: Doc) => a.priority - b.priority).map((e: Doc) => e.locality.zone);
}

function faultOnInventory(model: Awaited<ReturnType<typeof exampleModel>>, zone: string): Doc | undefined {
  const vh = outboundRouteTable(sidecar(model, "orders-v1", zone, [DRILL]), 9090).virtual_hosts.find((v: Doc) => v.name.startsWith("inventory."));
  return vh?.typed_per_filter_config?.["envoy.filters.http.fault"];
}

test("a caller in the drill's zone faults every request to the target, those it fails over to other zones included", async () => {
  const model = await exampleModel();
  const drill = model.drills.find((d) => d.name === DRILL)!;
  assert.equal(drill.zones, ["cn-bj2-03"]);
  const files = sidecar(model, "orders-v1", "cn-bj2-03", [DRILL]);
  // One cluster, every zone of the target: the fault on the route comes before the choice of zone.
  assert.equal(zonesByPriority(cluster(files, INVENTORY)), ["cn-bj2-03", "cn-bj2-02", "cn-bj2-05"]);
  assert.ok(faultOnInventory(model, "cn-bj2-03")?.delay, "the caller in cn-bj2-03 injects the delay");
});

test("a caller outside the drill's zone never faults, though its requests fail over into the drill's zone", async () => {
  const model = await exampleModel();
  for (const zone of ["cn-bj2-02", "cn-bj2-05"]) {
    const files = sidecar(model, "orders-v1", zone, [DRILL]);
    assert.ok(zonesByPriority(cluster(files, INVENTORY)).includes("cn-bj2-03"), `${zone}: cn-bj2-03 is one of its failover zones`);
    assert.is(faultOnInventory(model, zone), undefined, `${zone}: no fault`);
  }
});

test("what authors read says so: the TSDoc of a drill's zones names the caller's zone and failover", () => {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const drill = project.addSourceFileAtPath(resolve(__dirname, "../../dsl/mesh.ts")).getInterfaceOrThrow("Drill");
  const doc = drill.getPropertyOrThrow("zones").getJsDocs().map((d) => d.getInnerText()).join("\n");
  assert.match(doc, /callers/i);
  assert.match(doc, /not of the target/);
  assert.match(doc, /fail over/);
});

test.run();
