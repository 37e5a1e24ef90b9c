// Same meaning everywhere: an evaluator that reads only the emitted VirtualServices and DestinationRules
// (istio-route-evaluator.ts) sends every request where the compile-time simulator (compiler/simulate) does —
// the example's routing tests, and requests aimed at every route of a generated 50-service mesh — from every
// caller version, in every zone, in each of the three API versions, with drills off and with all drills on.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type MatchModel, type MeshModel, serviceByName, type ServiceModel, type ValueMatchModel } from "../../compiler/model";
import { simulate, type SimRequest } from "../../compiler/simulate";
import { ISTIO_APIS } from "../../targets/target";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "./generated-model";
import { emitted, zoneObjects } from "./istio-config";
import { evaluateIstio, type Obj } from "./istio-route-evaluator";

function isHttp(s: ServiceModel): number | undefined {
  return s.ports.find((p) => p.protocol === "http" || p.protocol === "grpc" || p.protocol === "http2")?.port;
}

/** One request, through both: the evaluator's version label and the simulator's version. */
function compare(model: MeshModel, objects: readonly Obj[], req: SimRequest, callerVersion: string): string | null {
  const callee = serviceByName(model, req.to)!;
  const port = isHttp(callee);
  if (port === undefined) return null;
  const sim = simulate(model, req);
  const outcome = evaluateIstio(objects, {
    host: callee.host,
    port,
    method: req.method,
    path: req.path,
    headers: Object.entries(req.headers).map(([name, value]) => ({ name, value })),
    query: Object.entries(req.query).map(([name, value]) => ({ name, value })),
    sourceLabels: req.from ? { app: req.from, version: callerVersion } : {},
  });
  const got = outcome?.labels?.version ?? null;
  const want = sim.ok ? sim.version : null;
  return got === want ? null : `${JSON.stringify(req)} from ${callerVersion}: Istio ${got}, simulator ${want}`;
}

/** A value a match accepts (and one it may not), so requests reach every route. */
function sample(m: ValueMatchModel): string {
  switch (m.kind) {
    case "exact": return m.values[m.values.length - 1]!;
    case "prefix": return `${m.value}x`;
    case "present": return "1";
    case "regex": return m.value === ".*(Android|iPhone).*" ? "iPhone" : "9001";
  }
}

function requestFor(from: string | null, to: string, match: MatchModel): SimRequest {
  return {
    from,
    to,
    headers: Object.fromEntries(match.headers.map((h) => [h.name, sample(h.match)])),
    path: match.path ? (match.path.kind === "regex" ? "/" : match.path.kind === "prefix" ? `${match.path.value}x` : match.path.value) : "/",
    method: match.methods[0] ?? "GET",
    query: Object.fromEntries(match.query.map((q) => [q.name, sample(q.match)])),
  };
}

/** The example's tests, and for every called service one request per route from each of its callers. */
function requests(model: MeshModel): SimRequest[] {
  const fromTests = model.tests.map((t) => ({
    from: t.from, to: t.to, path: t.path, method: t.method,
    headers: Object.fromEntries(t.headers.map((h) => [h.name, h.value])),
    query: Object.fromEntries(t.query.map((q) => [q.name, q.value])),
  }));
  const perRoute = model.services.flatMap((caller) =>
    caller.calls.flatMap((to) => (serviceByName(model, to)?.routes ?? []).map((r) => requestFor(caller.name, to, r.match))),
  );
  return [...fromTests, ...perRoute];
}

function disagreements(model: MeshModel, drills: readonly string[]): { checked: number; failures: string[] } {
  const failures: string[] = [];
  let checked = 0;
  const reqs = requests(model);
  for (const api of ISTIO_APIS) {
    const files = emitted(model, api, drills);
    for (const zone of model.zones) {
      const objects = zoneObjects(files, zone);
      for (const req of reqs) {
        const caller = req.from ? serviceByName(model, req.from) : undefined;
        for (const version of caller?.versions ?? ["none"]) {
          const failure = compare(model, objects, req, version);
          checked++;
          if (failure) failures.push(`${api} ${zone}: ${failure}`);
        }
      }
    }
  }
  return { checked, failures };
}

test("the example: every routing test and a request per route, in each API version and zone, with and without drills", async () => {
  const model = await exampleModel();
  for (const drills of [[], model.drills.map((d) => d.name)]) {
    const { checked, failures } = disagreements(model, drills);
    assert.equal(failures, []);
    assert.ok(checked >= model.tests.length * model.zones.length * 3, `${checked} requests`);
  }
});

test("the example's routing tests land where they expect, read from the Istio objects alone", async () => {
  const model = await exampleModel();
  const objects = zoneObjects(emitted(model, "v1"), model.zones[0]!);
  for (const t of model.tests) {
    const callee = serviceByName(model, t.to)!;
    const outcome = evaluateIstio(objects, { host: callee.host, port: isHttp(callee)!, method: t.method, path: t.path, headers: t.headers, query: t.query, sourceLabels: { app: t.from ?? "", version: "v1" } });
    if (t.expectSplit) assert.equal(outcome?.split, t.expectSplit.map((w) => ({ version: w.version, weight: w.weight })), t.name);
    else assert.is(outcome?.labels?.version, t.expectVersion, t.name);
  }
});

test("a generated 50-service mesh: every routing test and a request per route, in each API version and zone, all drills on", async () => {
  const model = await generatedModel();
  assert.is(model.services.length, 50);
  assert.ok(model.tests.length > 0 && model.drills.length > 0);
  const { checked, failures } = disagreements(model, model.drills.map((d) => d.name));
  assert.equal(failures, []);
  assert.ok(checked > 500, `${checked} requests`);
});

test("the comparison can fail: a VirtualService with its routes reversed disagrees with the simulator", async () => {
  const model = await exampleModel();
  const objects = zoneObjects(emitted(model, "v1"), model.zones[0]!).map((o) => (o.kind === "VirtualService" ? { ...o, spec: { ...o.spec, http: [...(o.spec.http ?? [])].reverse() } } : o));
  const failures = requests(model).map((r) => compare(model, objects, r, "v1")).filter((f) => f !== null);
  assert.ok(failures.length > 0);
});

test.run();
