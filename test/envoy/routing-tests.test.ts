// The route table Envoy would evaluate agrees with the policy's own routing tests (`tests` in the mesh), for
// every test, from every version of the calling service, in every zone: the version, or the whole weighted split.
// The evaluator reads only the generated Envoy route config (route-evaluator.ts); the expectations come only
// from the model.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { serviceByName } from "../../compiler/model";
import type { MeshModel, RouteTestModel } from "../../compiler/model";
import { isHttp } from "../../targets/envoy/protocol-options";
import { exampleModel } from "./example-model";
import { outboundRouteTable, sidecar } from "./generated-config";
import { evaluate, versionOf } from "./route-evaluator";

/** Where Envoy sends the test's request, written as the test would expect it: "v2", or "v1 90%, v2 10%". */
function landsOn(model: MeshModel, t: RouteTestModel, workload: string, zone: string): string | null {
  const callee = serviceByName(model, t.to)!;
  const port = callee.ports.find((p) => isHttp(p.protocol))!.port;
  const table = outboundRouteTable(sidecar(model, workload, zone), port);
  const outcome = evaluate(table, { authority: callee.host, method: t.method, path: t.path, headers: t.headers, query: t.query });
  if (!outcome?.split.length) return null;
  if (outcome.split.length === 1) return versionOf(outcome.cluster);
  return outcome.split.map((c) => `${versionOf(c.cluster)} ${c.weight}%`).join(", ");
}

function expected(t: RouteTestModel): string {
  return t.expectSplit ? t.expectSplit.map((d) => `${d.version} ${d.weight}%`).join(", ") : t.expectVersion!;
}

test("the example has routing tests to check", async () => {
  assert.ok((await exampleModel()).tests.length >= 6);
});

test("the example tests a weighted split", async () => {
  assert.ok((await exampleModel()).tests.some((t) => t.expectSplit && t.expectSplit.length > 1));
});

test("every routing test of the example: Envoy's route table sends the request to the expected version or split", async () => {
  const model = await exampleModel();
  const results: string[] = [];
  for (const t of model.tests) {
    assert.ok(t.from, `test ${t.name} names its caller`);
    const caller = serviceByName(model, t.from!)!;
    for (const version of caller.versions) {
      for (const zone of model.zones) {
        const got = landsOn(model, t, `${caller.name}-${version}`, zone);
        results.push(`${t.index} ${t.name} from ${caller.name}-${version} in ${zone}: ${got === expected(t) ? "ok" : `expected ${expected(t)}, got ${got}`}`);
      }
    }
  }
  assert.equal(results.filter((r) => !r.endsWith(": ok")), []);
  assert.ok(results.length >= model.tests.length * model.zones.length);
});

test("the comparison can fail: the same requests with their headers stripped land elsewhere", async () => {
  const model = await exampleModel();
  const changed = model.tests.filter((t) => t.headers.length && landsOn(model, { ...t, headers: [] }, `${t.from}-v1`, model.zones[0]!) !== expected(t));
  assert.ok(changed.length > 0);
});

test.run();
