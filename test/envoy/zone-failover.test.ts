// Zone failover must fail a zone over. Envoy moves traffic to the next priority only as hosts turn unhealthy, and
// meshc configures no active health checks, so the clusters a caller's sidecar gets for a zone-failover service
// must eject failing hosts, and must be allowed to eject a whole zone (Envoy caps ejections cluster-wide, every
// zone included, at max_ejection_percent). These tests read the generated cds.yaml of a policy that says nothing
// about ejection.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { normalize } from "../../compiler/normalize";
import type { Json, JsonObject } from "../../compiler/normalize/context";
import { runChecks } from "../../compiler/checks/registry";
import type { MeshModel } from "../../compiler/model";
import { cluster, type Doc, sidecar } from "./generated-config";

const ZONES = ["z1", "z2", "z3"];
const ref = (name: string) => ({ $kind: "service-ref", name });
const service = (name: string, spec: JsonObject): Json => ({ $kind: "service", name, spec: { namespace: "ns", ...spec } });

function model(callee: JsonObject, defaults: JsonObject = {}): MeshModel {
  const { model, diagnostics } = normalize({
    $kind: "mesh",
    spec: {
      name: "m",
      ipFamily: "ipv6",
      zones: ZONES,
      defaults,
      services: [service("caller", { ports: { http: 8080 }, calls: [ref("callee")] }), service("callee", { ports: { http: 8080 }, ...callee })],
    },
  });
  assert.equal(diagnostics, []);
  return model;
}

function calleeCluster(mesh: MeshModel, zone = "z2"): Doc {
  return cluster(sidecar(mesh, "caller-v1", zone), "outbound|8080|v1|callee.ns.svc.cluster.local");
}

test("failover 'zone' (the default) without any ejection in the policy: failing hosts are ejected, a whole zone if need be", () => {
  const c = calleeCluster(model({}));
  // Zones as priorities: the caller's own zone first, then the mesh order.
  assert.equal(c.load_assignment.endpoints.map((e: Doc) => [e.locality.zone, e.priority]), [["z2", 0], ["z1", 1], ["z3", 2]]);
  assert.equal(c.outlier_detection, { consecutive_5xx: 5, interval: "10s", base_ejection_time: "30s", max_ejection_percent: 100 });
  assert.equal(c.common_lb_config, { healthy_panic_threshold: { value: 50 } });
});

test("an author's ejection fields win; the ones left out take the failover defaults, not Envoy's 10 %", () => {
  const own = calleeCluster(model({ overload: { eject: { consecutive5xx: 3, interval: "5s" } } }));
  assert.equal(own.outlier_detection, { consecutive_5xx: 3, interval: "5s", base_ejection_time: "30s", max_ejection_percent: 100 });
  const inherited = calleeCluster(model({}, { overload: { eject: { baseTime: "1m" } } }));
  assert.equal(inherited.outlier_detection, { consecutive_5xx: 5, interval: "10s", base_ejection_time: "60s", max_ejection_percent: 100 });
  const capped = calleeCluster(model({ overload: { eject: { maxPercent: 50 } } }));
  assert.is(capped.outlier_detection.max_ejection_percent, 50);
});

test("failover 'none' keeps Envoy's own outlier defaults: no ejection unless the author asks, 10 % when they do", () => {
  const none = calleeCluster(model({ failover: "none" }));
  assert.equal(none.load_assignment.endpoints.map((e: Doc) => e.priority), [0, 0, 0]);
  assert.is(none.outlier_detection, undefined);
  assert.is(none.common_lb_config, undefined);
  const asked = calleeCluster(model({ failover: "none", overload: { eject: { consecutive5xx: 2 } } }));
  assert.equal(asked.outlier_detection, { consecutive_5xx: 2, interval: "10s", base_ejection_time: "30s", max_ejection_percent: 10 });
});

test("MESH510: an ejection cap below a zone's share of the hosts is reported; a cap that lets one zone go is not", () => {
  const codes = (mesh: MeshModel) => runChecks(mesh).map((d) => `${d.code} ${d.path}`);
  assert.equal(codes(model({ overload: { eject: { maxPercent: 33 } } })), ["MESH510 services.callee.overload.eject.maxPercent"]);
  assert.equal(codes(model({ overload: { eject: { maxPercent: 34 } } })), []);
  assert.equal(codes(model({ failover: "none", overload: { eject: { maxPercent: 10 } } })), []);
});

test.run();
