// The locator on policy sources held in memory: model paths → the author's expression, through consts,
// imports, spreads, shorthand properties and `as const` / `satisfies` / parentheses.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic";
import { locate } from "../../compiler/diagnostics/locate";
import { positionOf } from "../../compiler/diagnostics/position";

const entry = "/p/mesh.ts";
const sources = new Map<string, string>([
  [
    entry,
    `import { defineMesh, svc as ref } from "meshc";
import * as shop from "./teams/shop";
import { ZONES } from "./zones";

const tests = [
  { request: { to: ref.orders }, expect: { version: "v2" } },
];

export default defineMesh({
  name: "m",
  ipFamily: "ipv6",
  zones: ZONES,
  defaults: { timeout: "3s", retries: { attempts: 2, perTryTimeout: "2s" } },
  services: [shop],
  external: { "Pay.Example.com": { ports: { https: 443 }, addresses: ["10.1.2.3"] } },
  drills: { "inventory-slow": { target: ref.stock, delay: { fixed: "1s" }, zones: [ZONES[0], "zone-c"] } },
  tests,
});
`,
  ],
  ["/p/zones.ts", `export const ZONES = ["zone-a", "zone-b"] as const;\n`],
  [
    "/p/teams/shop.ts",
    `import { service, svc } from "meshc";
import { common } from "./common";

const grayAccounts = ["1001", "1002"];
const headers = { "X-Account-Id": grayAccounts };

export const orders = service("orders", {
  namespace: "shop",
  ports: { http: 8080 },
  versions: ["v1", "v2"] as const,
  routes: [
    ...common,
    { name: "gray", when: { headers } satisfies object, to: ("v3") },
    { name: "rest", to: { v1: 90, v2: 20 } },
  ],
  calls: [svc.stock, svc["invntory"]],
});

export const stock = service("stock", { namespace: "shop", ports: { grpc: 9090 }, access: { allowFrom: [svc.orders] } });
export const stock2 = service("stock", { namespace: "other", ports: { grpc: 9090 } });
`,
  ],
  ["/p/teams/common.ts", `export const common = [{ name: "health", when: { path: { exact: "/healthz" } }, to: "v1" }];\n`],
]);

function at(path: string, code = "MESH999", related: { path: string; message: string }[] = []): { where: string; related: string[] } {
  const d: Diagnostic = { code, severity: "error", message: "m", path, ...(related.length ? { related } : {}) };
  const [out] = locate([d], { entry, files: [...sources.keys()], sources });
  const show = (span: { file: string; start: number; length: number } | undefined) => {
    if (!span) return "none";
    const text = sources.get(span.file)!;
    const p = positionOf(text, span.start);
    return `${span.file.replace("/p/", "")}:${p.line}:${p.column} ${text.slice(span.start, span.start + Math.min(span.length, 30))}`;
  };
  return { where: show(out!.span), related: (out!.related ?? []).map((r) => `${r.message} @ ${show(r.span)}`) };
}

test("the mesh root and plain keys", () => {
  assert.is(at("mesh").where, "mesh.ts:9:16 defineMesh");
  assert.is(at("mesh.name").where, 'mesh.ts:10:3 name: "m"');
});

test("services by name, into their spec; a property is reported from its key", () => {
  assert.is(at("services.orders").where, 'teams/shop.ts:7:31 "orders"');
  assert.is(at("services.orders.namespace").where, 'teams/shop.ts:8:3 namespace: "shop"');
  assert.is(at("services.orders.versions[1]").where, 'teams/shop.ts:10:20 "v2"');
});

test("lists by the author's index, spreads of imported arrays flattened", () => {
  assert.is(at("services.orders.routes[0].when.path").where, 'teams/common.ts:1:50 path: { exact: "/healthz" }');
  assert.is(at("services.orders.routes[1].to").where, 'teams/shop.ts:13:57 to: ("v3")');
  assert.is(at("services.orders.routes[2].to.v2").where, "teams/shop.ts:14:35 v2: 20");
});

test("shorthand properties, satisfies and consts: the value where it is written, with a note where it enters", () => {
  const r = at('services.orders.routes[1].when.headers["x-account-id"]');
  assert.is(r.where, 'teams/shop.ts:4:22 ["1001", "1002"]');
  assert.equal(r.related, ["the value enters here, through 'headers' @ teams/shop.ts:13:29 headers"]);
});

test("list elements by value: service references at the name, as tsc reports them; consts and case", () => {
  assert.is(at('services.orders.calls[="invntory"]').where, 'teams/shop.ts:16:26 "invntory"');
  assert.is(at('services.orders.calls[="stock"]').where, "teams/shop.ts:16:15 stock");
  assert.is(at('mesh.drills["inventory-slow"].zones[="zone-c"]').where, 'mesh.ts:16:94 "zone-c"');
  assert.is(at('mesh.drills["inventory-slow"].zones[="zone-a"]').where, 'zones.ts:1:23 "zone-a"', "an element of a const list");
  assert.is(at('mesh.external["pay.example.com"].addresses[="10.1.2.3"]').where, 'mesh.ts:15:71 "10.1.2.3"');
  assert.is(at("mesh.zones[1]").where, 'zones.ts:1:33 "zone-b"');
});

test("routes and tests behind a const", () => {
  assert.is(at("mesh.tests[0].request.to").where, "mesh.ts:6:24 orders", "a service reference at its name, also under an alias of svc");
});

test("a path that cannot be followed stops at the deepest node reached", () => {
  assert.is(at("services.orders.routes[7].to").where, "teams/shop.ts:11:3 routes: [\n    ...common,\n    {");
  assert.is(at("services.nope.ports").where, "mesh.ts:14:3 services: [shop]");
});

test("inherited values are located where they are written: route → service → mesh defaults", () => {
  assert.is(at("services.orders.routes[2].retries.perTryTimeout").where, 'mesh.ts:13:54 perTryTimeout: "2s"');
  assert.is(at("services.orders.timeout").where, 'mesh.ts:13:15 timeout: "3s"');
});

test("MESH100 points at the second declaration with a note at the first", () => {
  const r = at("services.stock", "MESH100");
  assert.is(r.where, 'teams/shop.ts:20:31 "stock"');
  assert.equal(r.related, ['the first service with this name @ teams/shop.ts:19:30 "stock"']);
});

test("related notes are located by path, and dropped when their place is not written", () => {
  const r = at("services.orders.calls", "MESH999", [
    { path: "services.stock.access.allowFrom", message: "allowFrom" },
    { path: "services.orders.probes.port", message: "nowhere" },
  ]);
  assert.equal(r.related, ["allowFrom @ teams/shop.ts:19:93 allowFrom: [svc.orders]"]);
});

test("the same inherited finding seen from several routes becomes one", () => {
  const d = (path: string): Diagnostic => ({ code: "MESH300", severity: "warning", message: "same", path });
  const out = locate([d("services.orders.routes[1].retries.perTryTimeout"), d("services.orders.routes[2].retries.perTryTimeout")], { entry, files: [], sources });
  assert.is(out.length, 1);
});

test.run();
