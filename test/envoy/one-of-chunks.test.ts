// A header one-of with 50 or 10 000 values (issue 15, item 5). One alternation regex over them is far past
// Envoy's RE2 program-size limit of 100, so Envoy would refuse the whole listener; the target cuts the values
// into chunks and repeats the route in place. What must hold: every generated regex is within the limit (the
// Envoy validator's MESH207 net says none is over), and an independent evaluator of the generated route table
// sends every listed value to the route, every other value past it, exactly as the simulator does.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { normalize } from "../../compiler/normalize";
import { checkRe2, ENVOY_MAX_PROGRAM_SIZE, simulate } from "../../compiler/simulate";
import { validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { buildAll, type Doc, outboundRouteTable, sidecar } from "./generated-config";
import { evaluate, versionOf } from "./route-evaluator";

const HOST = "orders.shop.svc.cluster.local";
const values = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, "0")}`);
const few = values(50, "account");
const many = values(10_000, "tenant");

const service = (name: string, spec: object) => ({ $kind: "service", name, spec: { namespace: "shop", ...spec } });
const { model, diagnostics } = normalize({
  $kind: "mesh",
  spec: {
    name: "m",
    ipFamily: "ipv6",
    zones: ["z"],
    tests: [],
    services: [
      service("gateway", { ports: { http: 8080 }, calls: [{ $kind: "service-ref", name: "orders" }] }),
      service("orders", {
        ports: { http: 8080 },
        versions: ["v1", "v2", "v3"],
        routes: [
          { name: "accounts", when: { headers: { "x-account-id": few }, method: ["GET", "POST"] }, to: "v2" },
          { name: "tenants", when: { headers: { "x-tenant": many } }, to: "v3" },
          { name: "rest", to: "v1" },
        ],
      }),
    ],
  },
} as never);

test("the policy normalizes cleanly", () => {
  assert.equal(diagnostics.map((d) => d.message), []);
});

const table = outboundRouteTable(sidecar(model, "gateway-v1", "z"), 8080);
const routes = (table.virtual_hosts as Doc[]).find((v) => v.domains.includes(HOST)).routes as Doc[];

test("every regex the target writes is within Envoy's RE2 program-size limit", () => {
  const regexes = routes.flatMap((r) => (r.match.headers ?? []).flatMap((h: Doc) => (h.string_match?.safe_regex ? [h.string_match.safe_regex.regex] : [])));
  assert.ok(regexes.length > 2, "the long one-ofs are split");
  for (const regex of regexes) {
    const r = checkRe2(regex);
    assert.ok(r.ok && r.programSize <= ENVOY_MAX_PROGRAM_SIZE, regex.slice(0, 60));
  }
  const findings = validateEnvoyArtifacts([...buildAll(model)].map(([path, content]) => ({ path, content })));
  assert.equal(findings.map((d) => d.message), []);
});

test("the copies of a route sit where it sat, in order, with the same action", () => {
  const names = routes.map((r) => r.name);
  const first = (n: string) => names.indexOf(n);
  const last = (n: string) => names.lastIndexOf(n);
  assert.ok(last("accounts") < first("tenants") && last("tenants") < first("rest"), names.join(","));
  for (const name of ["accounts", "tenants"]) {
    const copies = routes.filter((r) => r.name === name);
    assert.ok(copies.length > 1, name);
    for (const c of copies) assert.equal(c.route, copies[0].route);
  }
});

const request = (headers: Record<string, string>, method = "GET") => ({
  authority: HOST,
  method,
  path: "/",
  headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
  query: [],
});

function agree(headers: Record<string, string>, method: string, expected: string): void {
  const envoy = evaluate(table, request(headers, method));
  const sim = simulate(model, { from: "gateway", to: "orders", headers, path: "/", method, query: {} });
  assert.is(versionOf(envoy?.cluster ?? null), expected, JSON.stringify(headers));
  assert.ok(sim.ok && sim.version === expected, `simulator: ${JSON.stringify(headers)}`);
}

test("every listed value takes its route; the evaluator of the generated table and the simulator agree", () => {
  for (const v of few) {
    agree({ "x-account-id": v }, "GET", "v2");
    agree({ "x-account-id": v }, "POST", "v2");
  }
  for (let i = 0; i < many.length; i += 37) agree({ "x-tenant": many[i]! }, "GET", "v3");
  agree({ "x-tenant": many[many.length - 1]! }, "GET", "v3");
});

test("no other value does: not a prefix, a superstring, a neighbour or another method", () => {
  agree({ "x-account-id": few[0]! }, "PUT", "v1");
  for (const v of ["account-00050", "account-0000", "account-000001", "account-00001|account-00002", "tenant-10000", "tenant-0000", ""]) {
    agree({ "x-account-id": v, "x-tenant": v }, "GET", "v1");
  }
});

test.run();
