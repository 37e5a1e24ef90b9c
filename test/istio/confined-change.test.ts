// A change confined to one service changes only that service's files (reviewable pull requests), in every zone;
// and the Istio target keeps the meaning the Envoy target gives the same policy where both spell it: the same
// workload identity and the same token bucket.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeshModel, ServiceModel } from "../../compiler/model";
import { tokenBucket as envoyBucket } from "../../targets/envoy/filters/local-ratelimit";
import { spiffeId } from "../../targets/envoy/tls";
import { tokenBucket as istioBucket } from "../../targets/istio/envoy-filter-rate-limit";
import { principal } from "../../targets/istio/identity";
import { exampleModel } from "../envoy/example-model";
import { emitted } from "./istio-config";

function withService(model: MeshModel, name: string, change: (s: ServiceModel) => ServiceModel): MeshModel {
  return { ...model, services: model.services.map((s) => (s.name === name ? change(s) : s)) };
}

function changedFiles(before: MeshModel, after: MeshModel): string[] {
  const a = emitted(before, "v1");
  const b = emitted(after, "v1");
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

const CHANGES: readonly [string, string, (s: ServiceModel) => ServiceModel][] = [
  ["orders", "a new canary weight", (s) => ({ ...s, routes: s.routes.map((r) => (r.destinations.length === 2 ? { ...r, destinations: [{ version: "v1", weight: 50 }, { version: "v2", weight: 50 }] } : r)) })],
  ["payments", "a rate limit", (s) => ({ ...s, rateLimit: { requestsPerSecond: 100, burst: 20 } })],
  ["inventory", "looser overload limits", (s) => ({ ...s, overload: { ...s.overload, maxConnections: 4096 } })],
  ["catalog", "a new caller allowed", (s) => ({ ...s, access: { ...s.access, allowFrom: [...(s.access.allowFrom ?? []), "orders"].sort() } })],
  ["search", "permissive mTLS", (s) => ({ ...s, access: { ...s.access, mtls: "permissive" } })],
];

for (const [service, what, change] of CHANGES) {
  test(`${service}: ${what} changes only istio/<zone>/${service}.yaml`, async () => {
    const model = await exampleModel();
    const changed = changedFiles(model, withService(model, service, change));
    assert.equal(changed, model.zones.map((z) => `istio/${z}/${service}.yaml`).sort());
  });
}

test("the same identity as the Envoy target's RBAC, without the spiffe:// scheme", async () => {
  for (const s of (await exampleModel()).services) assert.is(`spiffe://${principal(s)}`, spiffeId(s));
});

test("the same token bucket as the Envoy target's local rate limit", () => {
  for (const r of [{ requestsPerSecond: 2000, burst: 400 }, { requestsPerSecond: 7, burst: 1 }, { requestsPerSecond: 5000, burst: 1000 }, { requestsPerSecond: 3, burst: 0 }]) {
    assert.equal(istioBucket(r), envoyBucket(r));
  }
});

test.run();
