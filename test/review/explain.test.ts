// `meshc explain` agrees with the policy's own routing tests and with what the Envoy target writes: for every
// routing test of the example and of a generated mesh, the route explain names is the route Envoy's table (read
// from the generated YAML by an evaluator that knows nothing of the model) takes, in every zone, and the version
// is the one the test expects. The reasons given for skipped routes agree with the simulator's matchers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/api";
import type { MeshModel, RouteTestModel } from "../../compiler/model";
import { serviceByName, workloads } from "../../compiler/model";
import { explain, type Explanation, isProblem } from "../../compiler/review/explain/explain";
import { misses } from "../../compiler/review/explain/route-verdicts";
import { requestMatches } from "../../compiler/simulate";
import { envoyTarget } from "../../targets/envoy";
import { envoyFolder } from "../../targets/sidecar-layout";
import { exampleModel } from "../envoy/example-model";
import { meetsExpectation } from "./expectation";
import { evaluate, versionOf } from "../envoy/route-evaluator";
import type { Doc } from "../envoy/generated-config";

function explained(model: MeshModel, t: RouteTestModel, zone: string | null = null): Explanation {
  const e = explain(model, {
    from: t.from!,
    to: t.to,
    headers: Object.fromEntries(t.headers.map((h) => [h.name, h.value])),
    query: Object.fromEntries(t.query.map((q) => [q.name, q.value])),
    path: t.path,
    method: t.method,
    zone,
    drills: [],
  });
  if (isProblem(e)) throw new Error(`${e.problem} ${e.name}`);
  return e;
}

/** The caller's outbound route table for the callee's HTTP port, parsed from the YAML the Envoy target writes. */
function envoyOutcome(model: MeshModel, t: RouteTestModel, zone: string): { route: string; version: string | null } {
  const caller = workloads(model).find((w) => w.service.name === t.from)!;
  const files = envoyTarget.perWorkload!.build(model, caller, { drills: [] });
  const lds = parse(files.find((f) => f.path === `${envoyFolder(caller.service.name, caller.version, zone)}/lds.yaml`)!.content);
  const callee = serviceByName(model, t.to)!;
  const port = callee.ports.find((p) => p.protocol !== "tcp" && p.protocol !== "tls")!.port;
  const outbound = lds.resources.find((l: Doc) => l.name === "outbound");
  const chain = outbound.filter_chains.find((c: Doc) => c.filter_chain_match?.destination_port === port && !c.filter_chain_match?.server_names);
  const table = chain.filters[0].typed_config.route_config;
  const outcome = evaluate(table, { authority: callee.host, method: t.method, path: t.path, headers: t.headers, query: t.query })!;
  return { route: outcome.route, version: versionOf(outcome.cluster) };
}

function agreement(model: MeshModel): string[] {
  const lines: string[] = [];
  for (const t of model.tests) {
    for (const zone of model.zones) {
      const e = explained(model, t, zone);
      const envoy = envoyOutcome(model, t, zone);
      const ok = meetsExpectation(t, e.destinations, e.version) && e.route.name === envoy.route && e.version === envoy.version && e.calls && e.admitted;
      lines.push(`${t.name} in ${zone}: ${ok ? "ok" : `explain ${e.route.name}→${e.version}, envoy ${envoy.route}→${envoy.version}, expected ${JSON.stringify(t)}`}`);
    }
  }
  return lines;
}

test("every routing test of the example: explain names Envoy's route and the expected version, in every zone", async () => {
  const model = await exampleModel();
  const lines = agreement(model);
  assert.ok(lines.length >= model.tests.length * 3, "every test, every zone");
  assert.equal(lines.filter((l) => !l.endsWith(": ok")), []);
});

test("every routing test of a generated mesh (200 services): explain agrees with Envoy's route tables", async () => {
  const mesh = generateMesh({ services: 200, seed: 5 });
  const dir = mkdtempSync(join(tmpdir(), "meshc-explain-"));
  try {
    writeMesh(dir, mesh.files);
    const result = await build({ entry: join(dir, mesh.entry), checker: "none", emit: false });
    const model = result.model!;
    assert.ok(model.tests.length >= 2);
    const lines = agreement(model);
    assert.equal(lines.filter((l) => !l.endsWith(": ok")), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the comparison can fail: a request without the gray header skips the gray route, and says why", async () => {
  const model = await exampleModel();
  const gray = model.tests.find((t) => t.headers.some((h) => h.name === "x-account-id" && h.value === "1001"))!;
  const e = explained(model, { ...gray, headers: [] });
  assert.is.not(e.version, gray.expectVersion);
  assert.is(e.routes[0]!.matched, false);
  assert.equal(e.routes[0]!.misses, ['no header x-account-id (wants one of "1001", "1002", "1003")']);
});

test("a skipped route's reasons are empty exactly when the simulator's matcher holds (generated requests)", async () => {
  const model = await exampleModel();
  const routes = model.services.flatMap((s) => s.routes.map((r) => ({ s, r })));
  const words = fc.constantFrom("1001", "2001", "9001", "9abc", "true", "Mozilla/5.0 (iPhone)", "", "/api/cart", "/", "/api", "x");
  const request = fc.record({
    headers: fc.dictionary(fc.constantFrom("x-account-id", "X-Preview", "x-canary", "user-agent", "other"), words, { maxKeys: 4 }),
    path: fc.constantFrom("/", "/api/", "/api/cart", "/apix", "/other"),
    method: fc.constantFrom("GET", "POST", "put", "DELETE"),
    query: fc.dictionary(fc.constantFrom("q", "v"), words, { maxKeys: 2 }),
  });
  fc.assert(
    fc.property(fc.constantFrom(...routes), request, ({ s, r }, req) => {
      const sim = { from: "gateway", to: s.name, ...req };
      return requestMatches(r.match, sim) === (misses(r.match, sim).length === 0);
    }),
    { numRuns: 2000 },
  );
});

test("drills and zone order agree with the caller's generated sidecar: fault config and locality priorities", async () => {
  const model = await exampleModel();
  const t = model.tests.find((x) => x.from === "orders" && x.to === "payments")!;
  const caller = workloads(model).find((w) => w.service.name === "orders")!;
  const callee = serviceByName(model, "payments")!;
  const port = callee.ports[0]!.port;
  let active = 0;
  for (const zone of model.zones) {
    const drills = ["payments-flaky", "inventory-slow"];
    const e = explain(model, { from: "orders", to: "payments", headers: {}, query: {}, path: t.path, method: t.method, zone, drills });
    if (isProblem(e)) throw new Error(e.problem);
    const files = envoyTarget.perWorkload!.build(model, caller, { drills });
    const lds = parse(files.find((f) => f.path === `${envoyFolder(caller.service.name, caller.version, zone)}/lds.yaml`)!.content);
    const cds = parse(files.find((f) => f.path === `${envoyFolder(caller.service.name, caller.version, zone)}/cds.yaml`)!.content);
    const chain = lds.resources.find((l: Doc) => l.name === "outbound").filter_chains.find((c: Doc) => c.filter_chain_match?.destination_port === port);
    const vhost = chain.filters[0].typed_config.route_config.virtual_hosts.find((v: Doc) => v.domains.includes(callee.host));
    const faulted = vhost.typed_per_filter_config !== undefined;
    assert.is(faulted, e.drills.some((d) => d.active), `drills in ${zone}`);
    if (faulted) active++;
    const cluster = cds.resources.find((c: Doc) => c.name === `outbound|${port}|${e.version}|${callee.host}`);
    const priorities = cluster.load_assignment.endpoints.map((ep: Doc) => ({ zone: ep.locality.zone, priority: ep.priority ?? 0 }));
    assert.equal(priorities, e.zones, `zone order from ${zone}`);
  }
  assert.ok(active > 0, "the payments drill is active somewhere");
  const off = explain(model, { from: "orders", to: "payments", headers: {}, query: {}, path: "/", method: "GET", zone: null, drills: [] });
  if (isProblem(off)) throw new Error(off.problem);
  assert.equal(off.drills.map((d) => [d.drill.name, d.active, d.why]), [["payments-flaky", false, "not switched on (build with --drill payments-flaky)"]]);
});

test("unknown names are problems, not explanations", async () => {
  const model = await exampleModel();
  const base = { headers: {}, query: {}, path: "/", method: "GET", zone: null, drills: [] };
  assert.equal(explain(model, { ...base, from: "gateway", to: "ordrs" }), { problem: "unknown-service", name: "ordrs", known: model.services.map((s) => s.name) });
  assert.equal(explain(model, { ...base, from: "gateway", to: "orders", zone: "mars" }), { problem: "unknown-zone", name: "mars", known: model.zones });
});

test.run();
