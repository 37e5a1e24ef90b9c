// The three API versions: every object is served by Istio's published CRDs in its apiVersion and fits that
// version's structural schema; the versions differ only where a version forces it, and this test says where.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ISTIO_APIS } from "../../targets/target";
import { API_LEVELS } from "../../targets/istio";
import { exampleModel } from "../envoy/example-model";
import { crdProblems, servedSchemas } from "./crd-schema";
import { generatedModel } from "./generated-model";
import { emitted, parseStream } from "./istio-config";
import type { Obj } from "./istio-route-evaluator";

function objectsOf(files: ReadonlyMap<string, string>): Obj[] {
  return [...files.values()].flatMap(parseStream);
}

/** Where the versions differ: nothing but apiVersion, and for each kind exactly this apiVersion. */
const FORCED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // networking.istio.io serves all three; security.istio.io was born v1beta1 (1.4/1.5), telemetry.istio.io
  // v1alpha1 (1.11); both reached v1 in 1.22. EnvoyFilter never left v1alpha3.
  v1alpha3: { VirtualService: "networking.istio.io/v1alpha3", DestinationRule: "networking.istio.io/v1alpha3", Sidecar: "networking.istio.io/v1alpha3", ServiceEntry: "networking.istio.io/v1alpha3", EnvoyFilter: "networking.istio.io/v1alpha3", PeerAuthentication: "security.istio.io/v1beta1", AuthorizationPolicy: "security.istio.io/v1beta1", Telemetry: "telemetry.istio.io/v1alpha1" },
  v1beta1: { VirtualService: "networking.istio.io/v1beta1", DestinationRule: "networking.istio.io/v1beta1", Sidecar: "networking.istio.io/v1beta1", ServiceEntry: "networking.istio.io/v1beta1", EnvoyFilter: "networking.istio.io/v1alpha3", PeerAuthentication: "security.istio.io/v1beta1", AuthorizationPolicy: "security.istio.io/v1beta1", Telemetry: "telemetry.istio.io/v1alpha1" },
  v1: { VirtualService: "networking.istio.io/v1", DestinationRule: "networking.istio.io/v1", Sidecar: "networking.istio.io/v1", ServiceEntry: "networking.istio.io/v1", EnvoyFilter: "networking.istio.io/v1alpha3", PeerAuthentication: "security.istio.io/v1", AuthorizationPolicy: "security.istio.io/v1", Telemetry: "telemetry.istio.io/v1" },
};

test("the CRD file is read: the kinds meshc writes are there in their served versions", () => {
  const served = servedSchemas();
  assert.ok(served.has("networking.istio.io/v1alpha3 VirtualService") && served.has("telemetry.istio.io/v1alpha1 Telemetry"));
  assert.not.ok(served.has("security.istio.io/v1alpha3 PeerAuthentication"));
});

for (const [name, model] of [["the example", exampleModel], ["a generated 50-service mesh", generatedModel]] as const) {
  test(`${name}: every object in every API version is served and fits its CRD's schema`, async () => {
    const m = await model();
    for (const api of ISTIO_APIS) {
      const objects = objectsOf(emitted(m, api, m.drills.map((d) => d.name)));
      assert.ok(objects.length > 10);
      assert.equal(objects.flatMap(crdProblems), [], api);
    }
  });
}

test("the schema check can fail: a misspelt field, a wrong type and an unserved version are found", async () => {
  const dr = objectsOf(emitted(await exampleModel(), "v1")).find((o) => o.kind === "DestinationRule")!;
  assert.ok(crdProblems({ ...dr, spec: { ...dr.spec, subset: [] } }).some((p) => p.includes("unknown field 'subset'")));
  assert.ok(crdProblems({ ...dr, spec: { ...dr.spec, host: 7 } }).some((p) => p.includes("expected string")));
  assert.ok(crdProblems({ ...dr, apiVersion: "networking.istio.io/v2" }).some((p) => p.includes("not served")));
});

test("the API versions differ only in apiVersion, and each kind's is the one its version forces", async () => {
  const model = await exampleModel();
  const strip = (o: Obj) => ({ ...o, apiVersion: undefined });
  const reference = objectsOf(emitted(model, "v1")).map(strip);
  for (const api of ISTIO_APIS) {
    const objects = objectsOf(emitted(model, api));
    assert.equal(objects.map(strip), reference, `${api} differs from v1 beyond apiVersion`);
    const versions = Object.fromEntries(objects.map((o) => [o.kind, o.apiVersion]));
    assert.equal(Object.keys(versions).sort(), Object.keys(FORCED[api]!).sort(), "the example writes every kind");
    assert.equal(versions, { ...FORCED[api] });
    assert.equal(API_LEVELS[api].apiVersion, FORCED[api]);
  }
});

test.run();
