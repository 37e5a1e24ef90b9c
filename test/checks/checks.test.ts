// Each check family on small policies in their serialized form: the base policy passes every check, and each
// case changes one thing and must produce exactly the expected code at the expected model path.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runChecks } from "../../compiler/checks/registry";
import { normalize } from "../../compiler/normalize";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const ref = (name: string) => ({ $kind: "service-ref", name });

function base(): Json {
  return {
    name: "m",
    ipFamily: "ipv6",
    zones: ["z1", "z2"],
    services: [
      { $kind: "service", name: "gateway", spec: { namespace: "edge", ports: { http: 8080 }, calls: [ref("orders")] } },
      {
        $kind: "service",
        name: "orders",
        spec: {
          namespace: "shop",
          ports: { http: 8080, grpc: 9090 },
          versions: ["v1", "v2"],
          routes: [
            { name: "gray", when: { headers: { "x-account-id": ["1001"] } }, to: "v2" },
            { name: "split", to: { v1: 90, v2: 10 } },
          ],
          timeout: "2s",
          retries: { attempts: 2, perTryTimeout: "500ms" },
          access: { allowFrom: [ref("gateway")] },
          calls: [ref("stock")],
        },
      },
      { $kind: "service", name: "stock", spec: { namespace: "shop", ports: { grpc: 9090 }, access: { allowFrom: [ref("orders")] } } },
    ],
    drills: { slow: { target: ref("stock"), delay: { fixed: "1s", percent: 50 }, zones: ["z2"] } },
    tests: [{ request: { from: ref("gateway"), to: ref("orders"), headers: { "x-account-id": "1001" } }, expect: { version: "v2" } }],
  };
}

function svc(spec: Json, name: string): Json {
  return spec.services.find((s: Json) => s.name === name).spec;
}

/** Retries are checked per route; without author routes only the service-level setting is reported. */
function noRoutes(spec: Json): void {
  delete svc(spec, "orders").routes;
  spec.tests = [];
}

function check(change: (spec: Json) => void): { code: string; path?: string; hint?: string; related?: readonly { path?: string }[] }[] {
  const spec = base();
  change(spec);
  const { model, diagnostics } = normalize({ $kind: "mesh", spec });
  assert.equal(diagnostics, [], "the case normalizes cleanly");
  return runChecks(model);
}

test("the base policy passes every check", () => {
  assert.equal(check(() => {}), []);
});

const cases: [string, string, string, (spec: Json) => void][] = [
  ["MESH101", "services.orders.calls[=\"stok\"]", "unknown callee", (m) => { svc(m, "orders").calls = [ref("stock"), ref("stok")]; }],
  ["MESH101", "mesh.tests[0].request.to", "unknown test target", (m) => { m.tests[0].request.to = ref("ordres"); }],
  ["MESH102", "services.orders.routes[0].to.v3", "unknown version", (m) => { svc(m, "orders").routes[0].to = "v3"; }],
  ["MESH102", "mesh.tests[0].expect.version", "unknown expected version", (m) => { m.tests[0].expect.version = "v9"; }],
  ["MESH103", "services.orders.namespace", "namespace not a label", (m) => { svc(m, "orders").namespace = "Shop_Team"; }],
  ["MESH104", "services.orders.versions[2]", "duplicate version", (m) => { svc(m, "orders").versions = ["v1", "v2", "v1"]; }],
  ["MESH105", "services.orders.routes[1].name", "duplicate route name", (m) => { svc(m, "orders").routes[1].name = "gray"; }],
  ["MESH106", "mesh.zones[2]", "duplicate zone", (m) => { m.zones = ["z1", "z2", "z1"]; }],
  ["MESH107", "services.orders.ports.http_api", "port name", (m) => { svc(m, "orders").ports = { http_api: 8080 }; }],
  ["MESH200", "services.orders.routes[1].to", "weights sum", (m) => { svc(m, "orders").routes[1].to = { v1: 90, v2: 20 }; }],
  ["MESH201", "services.orders.routes[1].to.v2", "negative weight", (m) => { svc(m, "orders").routes[1].to = { v1: 100, v2: -10 }; }],
  ["MESH202", "services.orders.routes[1]", "shadowed route", (m) => { svc(m, "orders").routes.splice(1, 0, { name: "again", when: { headers: { "X-Account-Id": "1001" } }, to: "v1" }); }],
  ["MESH203", "services.orders.routes[1].when.path.regex", "lookahead", (m) => { svc(m, "orders").routes[1].when = { path: { regex: "/(?!admin).*" } }; }],
  ["MESH204", "services.orders.routes[1].mirror", "mirror to itself", (m) => { svc(m, "orders").routes[1].mirror = { to: ref("orders"), version: "v2" }; }],
  ["MESH205", "services.orders.routes[1].mirror.percent", "mirror percent", (m) => { svc(m, "orders").routes[1].mirror = { to: ref("stock"), percent: 150 }; }],
  ["MESH102", "mesh.tests[0].expect.split.v9", "unknown version in an expected split", (m) => { m.tests[0].expect = { split: { v2: 90, v9: 10 } }; }],
  ["MESH210", "mesh.tests[0].expect.version", "failing test", (m) => { m.tests[0].expect.version = "v1"; }],
  ["MESH213", "mesh.tests[0].expect.version", "one version expected of a split route", (m) => { m.tests[0].request.headers["x-account-id"] = "2002"; m.tests[0].expect.version = "v1"; }],
  ["MESH214", "mesh.tests[0].expect.split", "expected split differs", (m) => { m.tests[0].request.headers["x-account-id"] = "2002"; m.tests[0].expect = { split: { v1: 80, v2: 20 } }; }],
  ["MESH214", "mesh.tests[0].expect.split", "split expected of a single-version route", (m) => { m.tests[0].expect = { split: { v1: 50, v2: 50 } }; }],
  ["MESH215", "mesh.tests[0].expect.split", "expected split not summing to 100", (m) => { m.tests[0].expect = { split: { v1: 90, v2: 20 } }; }],
  ["MESH215", "mesh.tests[0].expect.split.v2", "expected weight out of range", (m) => { m.tests[0].expect = { split: { v1: 100, v2: -10 } }; }],
  ["MESH211", "mesh.tests[0].request", "test from outside the mesh denied", (m) => { delete m.tests[0].request.from; }],
  ["MESH212", "mesh.tests[0].request.from", "test caller without calls", (m) => { svc(m, "gateway").calls = []; }],
  ["MESH300", "services.orders.retries.perTryTimeout", "retries exceed timeout", (m) => { noRoutes(m); svc(m, "orders").retries.perTryTimeout = "1s"; }],
  ["MESH301", "services.orders.retries.backoff.max", "backoff max below base", (m) => { noRoutes(m); svc(m, "orders").retries.backoff = { base: "100ms", max: "50ms" }; }],
  ["MESH302", "services.orders.retries.on[=\"5xxx\"]", "unknown retry_on", (m) => { noRoutes(m); svc(m, "orders").retries.on = ["reset", "5xxx"]; }],
  ["MESH303", "services.orders.overload.maxConnections", "zero connections", (m) => { svc(m, "orders").overload = { maxConnections: 0 }; }],
  ["MESH304", "services.orders.overload.eject.maxPercent", "eject percent", (m) => { svc(m, "orders").overload = { eject: { maxPercent: 120 } }; }],
  ["MESH305", "services.orders.rateLimit.requestsPerSecond", "rate limit", (m) => { svc(m, "orders").rateLimit = { requestsPerSecond: 0.5, burst: 1 }; }],
  ["MESH306", "services.orders.retries.attempts", "negative attempts", (m) => { noRoutes(m); svc(m, "orders").retries = { attempts: -1 }; }],
  ["MESH400", "services.orders.calls[=\"stock\"]", "call not admitted", (m) => { svc(m, "stock").access.allowFrom = [ref("gateway")]; svc(m, "gateway").calls.push(ref("stock")); }],
  ["MESH401", "services.stock.access.mtls", "allowFrom without mTLS", (m) => { svc(m, "stock").access.mtls = "disable"; }],
  ["MESH501", "mesh.drills.slow.target", "drill target", (m) => { m.drills.slow.target = ref("stocks"); }],
  ["MESH502", "mesh.drills.slow.zones[=\"z3\"]", "drill zone", (m) => { m.drills.slow.zones = ["z3"]; }],
  ["MESH503", "mesh.drills.slow.delay.percent", "drill percent", (m) => { m.drills.slow.delay.percent = 0; }],
  ["MESH504", "mesh.zones", "no zones", (m) => { m.zones = []; delete m.drills; }],
  ["MESH510", "services.orders.overload.eject.maxPercent", "failover cannot eject a zone", (m) => { svc(m, "orders").overload = { eject: { maxPercent: 40 } }; }],
  ["MESH505", "mesh.drills.slow.target", "drill without callers", (m) => { m.drills.slow.target = ref("gateway"); }],
  ["MESH506", "mesh.zones[1]", "zone label", (m) => { m.zones = ["z1", "z2 "]; m.drills.slow.zones = ["z1"]; }],
  ["MESH700", "services.stock.capture.excludeOutboundCidrs[=\"10.0.0.0/8\"]", "IPv4 in IPv6 mesh", (m) => { svc(m, "stock").capture = { excludeOutboundCidrs: ["10.1.2.3/8"] }; }],
  ["MESH701", "mesh.external[\"db.example.com\"].addresses[=\"fd00::1\"]", "IPv6 in IPv4 mesh", (m) => { m.ipFamily = "ipv4"; m.external = { "db.example.com": { ports: { tcp: 5432 }, addresses: ["fd00::1"] } }; }],
  ["MESH702", "services.stock.ports.grpc", "reserved port", (m) => { svc(m, "stock").ports = { grpc: 15001 }; }],
  ["MESH703", "services.stock.ports.web", "port collision", (m) => { svc(m, "stock").ports = { grpc: 9090, web: 9090 }; }],
  ["MESH704", "services.stock.ports.grpc", "port range", (m) => { svc(m, "stock").ports = { grpc: 70000 }; }],
  ["MESH705", "services.stock.probes.port", "probe on a service port", (m) => { svc(m, "stock").probes = { port: 9090 }; }],
];

for (const [code, path, name, change] of cases) {
  test(`${code} ${name}`, () => {
    const found = check(change);
    assert.equal(found.map((d) => [d.code, d.path]), [[code, path]]);
  });
}

test("MESH103 a service name that starts with a digit: a DNS-1123 label, but no Kubernetes Service name (DNS-1035)", () => {
  const found = check((m) => {
    svc(m, "orders").calls = [ref("1stock")];
    m.services.find((s: Json) => s.name === "stock").name = "1stock";
    m.drills.slow.target = ref("1stock");
  });
  assert.equal(found.map((d) => [d.code, d.path, d.hint]), [["MESH103", 'services["1stock"]', "e.g. 's1stock'"]]);
  // Namespaces and versions are not Service names: a leading digit stays legal there.
  assert.equal(check((m) => { svc(m, "stock").namespace = "2shop"; }), []);
});

test("did you mean: unknown references get the closest name", () => {
  const [d] = check((m) => { svc(m, "orders").calls = [ref("stok")]; });
  assert.is(d!.hint, "did you mean 'stock'?");
});

test("a failing routing test names the route that matched, with a related path at it", () => {
  const [d] = check((m) => { m.tests[0].expect.version = "v1"; });
  assert.match((d as { message?: string }).message ?? "", /route 'gray' matched and sends it to 'v2'/);
  assert.equal(d!.related?.map((r) => r.path), ["services.orders.routes[0]"]);
});

test("one version expected of a split route: the message gives the split, the hint the expectation to write", () => {
  const [d] = check((m) => { m.tests[0].request.headers["x-account-id"] = "2002"; m.tests[0].expect.version = "v1"; });
  assert.match((d as { message?: string }).message ?? "", /expects every request on 'v1', but route 'split' matched and splits them v1 90%, v2 10%/);
  assert.is(d!.hint, "expect the split: expect: { split: { v1: 90, v2: 10 } }");
  assert.equal(d!.related?.map((r) => r.path), ["services.orders.routes[1]"]);
});

test("the expected split passes whatever order the author lists it in; a version left out is 0", () => {
  assert.equal(check((m) => { m.tests[0].request.headers["x-account-id"] = "2002"; m.tests[0].expect = { split: { v2: 10, v1: 90 } }; }), []);
  assert.equal(check((m) => { m.tests[0].expect = { split: { v2: 100, v1: 0 } }; }), []);
  assert.equal(check((m) => { m.tests[0].expect = { split: { v2: 100 } }; }), []);
});

test("an expectation with both or neither of version and split is a shape error", () => {
  for (const expect of [{ version: "v2", split: { v2: 100 } }, {}]) {
    const spec = base();
    spec.tests[0].expect = expect;
    assert.equal(normalize({ $kind: "mesh", spec }).diagnostics.map((d) => [d.code, d.path]), [["MESH012", "mesh.tests[0].expect"]]);
  }
});

test("a route covered by a narrower-or-equal earlier match is unreachable; a broader later one is not", () => {
  const narrower = check((m) => { svc(m, "orders").routes.splice(1, 0, { name: "narrow", when: { headers: { "x-account-id": "1001" }, method: "GET" }, to: "v1" }); });
  assert.equal(narrower.map((d) => d.code), ["MESH202"]);
  const broader = check((m) => { svc(m, "orders").routes.splice(1, 0, { name: "broad", when: { headers: { "x-account-id": { present: true } } }, to: "v1" }); });
  assert.equal(broader, []);
});

test.run();
