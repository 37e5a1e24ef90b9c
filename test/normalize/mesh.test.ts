import { test } from "uvu";
import * as assert from "uvu/assert";
import { normalize } from "../../compiler/normalize";

const ref = (name: string) => ({ $kind: "service-ref", name });
const service = (name: string, spec: object) => ({ $kind: "service", name, spec });
const mesh = (spec: object) => ({ $kind: "mesh", spec: { name: "m", ipFamily: "ipv6", zones: ["z1", "z2"], ...spec } });

test("defaults: one version, an implicit catch-all route, retries sharing the timeout", () => {
  const { model, diagnostics } = normalize(mesh({ services: [service("a", { namespace: "ns", ports: { http: 8080 } })] }));
  assert.equal(diagnostics, []);
  const a = model.services[0]!;
  assert.equal(a.versions, ["v1"]);
  assert.is(a.host, "a.ns.svc.cluster.local");
  assert.is(a.routes.length, 1);
  assert.ok(a.routes[0]!.implicit);
  assert.equal(a.routes[0]!.destinations, [{ version: "v1", weight: 100 }]);
  assert.is(a.routes[0]!.timeoutMs, 3000);
  assert.is(a.routes[0]!.retries.attempts, 2);
  assert.is(a.routes[0]!.retries.perTryTimeoutMs, 1000);
  assert.is(a.access.allowFrom, null);
  assert.is(a.access.mtls, "strict");
  assert.equal(model.families, ["ipv6"]);
  assert.is(model.outbound, "registry-only");
});

test("service values override mesh defaults; routes keep order; an author catch-all gets no implicit route", () => {
  const { model, diagnostics } = normalize(
    mesh({
      defaults: { timeout: "1s", retries: false, mtls: "permissive", overload: { maxConnections: 10 } },
      services: [
        service("b", {
          namespace: "ns",
          ports: { "grpc-api": 9090, web: { port: 8080, protocol: "http" }, other: 7000 },
          versions: ["v1", "v2"],
          timeout: "500ms",
          routes: [
            { when: { headers: { "X-Account-Id": ["1", "2", "1"] }, method: ["post", "GET"] }, to: "v2" },
            { to: { v2: 10, v1: 90 }, retries: { attempts: 3, perTryTimeout: "100ms" } },
          ],
          overload: { maxRequests: 5, eject: { consecutive5xx: 2 } },
        }),
      ],
    }),
  );
  assert.equal(diagnostics, []);
  const b = model.services[0]!;
  assert.equal(b.ports.map((p) => [p.name, p.port, p.protocol]), [["other", 7000, "tcp"], ["web", 8080, "http"], ["grpc-api", 9090, "grpc"]]);
  assert.is(b.routes.length, 2);
  assert.equal(b.routes[0]!.match.headers, [{ name: "x-account-id", match: { kind: "exact", values: ["1", "2"] } }]);
  assert.equal(b.routes[0]!.match.methods, ["GET", "POST"]);
  assert.is(b.routes[0]!.retries.attempts, 0);
  assert.is(b.routes[0]!.timeoutMs, 500);
  assert.equal(b.routes[1]!.destinations, [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }]);
  assert.is(b.routes[1]!.retries.perTryTimeoutMs, 100);
  assert.is(b.access.mtls, "permissive");
  assert.is(b.overload.maxConnections, 10);
  assert.is(b.overload.maxRequests, 5);
  assert.equal(b.overload.outlier, { consecutive5xx: 2, intervalMs: 10000, baseEjectionMs: 30000, maxEjectionPercent: 100, panicThresholdPercent: 50 });
});

test("references become sorted names; services from modules and lists; the same service twice counts once", () => {
  const a = service("a", { namespace: "ns", ports: {}, calls: [ref("c"), ref("b"), ref("c")], access: { allowFrom: [ref("b")] } });
  const { model, diagnostics } = normalize(mesh({ services: [{ a, helper: 42 }, [service("c", { namespace: "ns", ports: { http: 80 } })], a, service("b", { namespace: "ns", ports: { http: 80 } })] }));
  assert.equal(diagnostics, []);
  assert.equal(model.services.map((s) => s.name), ["a", "b", "c"]);
  assert.equal(model.services[0]!.calls, ["b", "c"]);
  assert.equal(model.services[0]!.access.allowFrom, ["b"]);
});

test("two different services with one name: MESH100", () => {
  const { diagnostics } = normalize(mesh({ services: [service("a", { namespace: "x", ports: {} }), service("a", { namespace: "y", ports: {} })] }));
  assert.equal(diagnostics.map((d) => [d.code, d.path]), [["MESH100", "services.a"]]);
});

test("bad values are reported with their model path, and normalizing goes on", () => {
  const { model, diagnostics } = normalize(
    mesh({
      capture: { excludeOutboundCidrs: ["fd00::/8", "not-a-cidr"] },
      services: [service("a", { namespace: "ns", ports: { http: "80" }, timeout: "3 s", routes: [{ to: "v1", timeout: 5 }] })],
    }),
  );
  assert.equal(
    diagnostics.map((d) => `${d.code} ${d.path}`).sort(),
    [
      "MESH012 services.a.ports.http",
      "MESH013 services.a.routes[0].timeout",
      "MESH013 services.a.timeout",
      "MESH014 mesh.capture.excludeOutboundCidrs[1]",
    ],
  );
  assert.equal(model.capture.excludeOutboundCidrs, { ipv4: [], ipv6: ["fd00::/8"] });
});

test("capture exclusions add up from mesh to service; modes replace", () => {
  const { model } = normalize(
    mesh({
      capture: { excludeOutboundPorts: [5432], dns: true, excludeOutboundCidrs: ["10.0.0.0/8"] },
      services: [service("a", { namespace: "ns", ports: {}, capture: { excludeOutboundPorts: [6379, 5432], mode: "tproxy", dns: false, excludeOutboundCidrs: ["FD00::1/64"] } })],
    }),
  );
  const c = model.services[0]!.capture;
  assert.equal(c.excludeOutboundPorts, [5432, 6379]);
  assert.is(c.mode, "tproxy");
  assert.is(c.dns, false);
  assert.equal(c.excludeOutboundCidrs, { ipv4: ["10.0.0.0/8"], ipv6: ["fd00::/64"] });
});

test("drills default to every zone in mesh order; tests get names and defaults", () => {
  const { model, diagnostics } = normalize(
    mesh({
      services: [service("a", { namespace: "ns", ports: { http: 80 } })],
      drills: { slow: { target: ref("a"), delay: { fixed: "2s" }, zones: ["z2", "z1"] }, down: { target: ref("a"), abort: { status: 503, percent: 5 } } },
      tests: [{ request: { to: ref("a"), headers: { "X-A": "1" } }, expect: { version: "v1" } }],
      telemetry: { tracing: { provider: "zipkin", address: "[2001:DB8::1]:9411" } },
    }),
  );
  assert.equal(diagnostics, []);
  assert.equal(model.drills.map((d) => [d.name, d.zones]), [["down", ["z1", "z2"]], ["slow", ["z1", "z2"]]]);
  assert.equal(model.drills[1]!.delay, { fixedMs: 2000, percent: 100 });
  assert.equal(model.tests[0], { name: "anonymous → a", index: 0, from: null, to: "a", headers: [{ name: "x-a", value: "1" }], path: "/", method: "GET", query: [], expectVersion: "v1", expectSplit: null });
  assert.equal(model.telemetry.tracing, { provider: "zipkin", host: "2001:db8::1", port: 9411, samplePercent: 1 });
});

test("an expected split follows the called service's version order and drops zero weights, whatever the author's order", () => {
  const { model, diagnostics } = normalize(
    mesh({
      services: [service("a", { namespace: "ns", ports: { http: 8080 }, versions: ["v1", "v2", "v3"], routes: [{ to: { v1: 90, v3: 10 } }] })],
      tests: [{ request: { to: ref("a") }, expect: { split: { v3: 10, v2: 0, v1: 90 } } }],
    }),
  );
  assert.equal(diagnostics, []);
  assert.is(model.tests[0]!.expectVersion, null);
  assert.equal(model.tests[0]!.expectSplit, [{ version: "v1", weight: 90 }, { version: "v3", weight: 10 }]);
});

test("a default export that is not a mesh: MESH008", () => {
  const { diagnostics } = normalize({ hello: 1 });
  assert.is(diagnostics[0]!.code, "MESH008");
});

test("the model is JSON: serializing and parsing gives it back unchanged", () => {
  const { model } = normalize(mesh({ services: [service("a", { namespace: "ns", ports: { http: 1 }, routes: [{ when: { path: "/x" }, to: "v1" }] })] }));
  assert.equal(JSON.parse(JSON.stringify(model)), model);
});

test.run();
