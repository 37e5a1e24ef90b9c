// The serializer that runs inside the sandbox is plain TypeScript, so its rules are tested here directly
// (in Node), and end to end through load() for the diagnostics it leads to.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defineMesh, KIND, service, svc } from "../../dsl";
import { load } from "../../compiler/load";
import { MAX_DEPTH, type PlainDataOutcome, serializePolicy } from "../../compiler/load/plain-data";
import { at, fixture, located } from "./fixture";

const refs = svc as unknown as Record<string, unknown>;

function outcome(value: unknown): PlainDataOutcome {
  return JSON.parse(serializePolicy(value)) as PlainDataOutcome;
}

function meshOf(spec: Record<string, unknown>): unknown {
  return defineMesh(spec as never);
}

function issues(spec: Record<string, unknown>): [string, string][] {
  const result = outcome(meshOf(spec));
  if (result.ok || !("issues" in result)) throw new Error(`expected issues, got ${JSON.stringify(result)}`);
  return result.issues.map((i) => [i.path, i.reason]);
}

test("branded values become $kind objects; undefined properties are dropped", () => {
  const orders = service("orders", { namespace: "shop", ports: { http: 8080 }, timeout: undefined });
  const result = outcome(meshOf({ name: "m", services: [orders], calls: [refs.inventory], note: undefined }));
  assert.equal(result, {
    ok: true,
    mesh: {
      $kind: "mesh",
      spec: {
        name: "m",
        services: [{ $kind: "service", name: "orders", spec: { namespace: "shop", ports: { http: 8080 } } }],
        calls: [{ $kind: "service-ref", name: "inventory" }],
      },
    },
  });
});

test("plain JSON data is written byte for byte as JSON.stringify writes it (the walk's own quoting and number text are exact)", () => {
  // Keys other than "$kind" (meshc's own), strings with quotes, control characters, lone surrogates and
  // non-ASCII; numbers of every kind JSON holds, -0 included; the same strings repeated (the walk caches quoting).
  const text = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("", "\"", "\\", "\u2028", "\ud800", "a\u0000b", "orders"));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), tie("list"), tie("object")),
    list: fc.array(tie("value"), { maxLength: 5 }),
    object: fc.dictionary(text.filter((k) => k !== "$kind"), tie("value"), { maxKeys: 5 }),
  })).value;
  fc.assert(
    fc.property(json, (spec) => {
      assert.is(serializePolicy(meshOf({ spec })), `{"ok":true,"mesh":{"$kind":"mesh","spec":${JSON.stringify({ spec })}}}`);
    }),
    { numRuns: 500 },
  );
});

test("a module namespace (an object of getters, as esbuild builds it) becomes a plain object of its exports", () => {
  const shop = {};
  const orders = service("orders", { namespace: "shop", ports: { http: 8080 } });
  Object.defineProperty(shop, "orders", { get: () => orders, enumerable: true });
  const result = outcome(meshOf({ services: [shop] }));
  assert.equal(result, { ok: true, mesh: { $kind: "mesh", spec: { services: [{ orders: { $kind: "service", name: "orders", spec: { namespace: "shop", ports: { http: 8080 } } } }] } } });
});

test("shared references are data; a null-prototype object is a plain object", () => {
  const ports = { http: 8080 };
  const bare = Object.assign(Object.create(null) as object, { a: 1 });
  const result = outcome(meshOf({ a: ports, b: ports, list: [ports, ports], bare }));
  assert.ok(result.ok);
  assert.equal((result as { mesh: { spec: unknown } }).mesh.spec, { a: ports, b: ports, list: [ports, ports], bare: { a: 1 } });
});

test("every value that is not plain data is reported, with its path", () => {
  class Port {
    constructor(readonly n: number) {}
  }
  const cycle: Record<string, unknown> = { name: "loop" };
  cycle.self = cycle;
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const reported = issues({
    fn: () => 8080,
    sym: Symbol("x"),
    big: 10n,
    nan: NaN,
    inf: -Infinity,
    when: new Date(0),
    map: new Map(),
    set: new Set(),
    re: /x/,
    port: new Port(1),
    list: [1, undefined],
    sparse,
    cycle,
    "odd key": { $kind: "service" },
    [Symbol.for("tag")]: 1,
  });
  assert.equal(reported, [
    ["spec.fn", "is a function; call it and use its result"],
    ["spec.sym", "is a symbol"],
    ["spec.big", "is a bigint; use a number or a string"],
    ["spec.nan", "is NaN, which JSON cannot represent"],
    ["spec.inf", "is -Infinity, which JSON cannot represent"],
    ["spec.when", "is an instance of Date; only plain objects and lists are data"],
    ["spec.map", "is an instance of Map; only plain objects and lists are data"],
    ["spec.set", "is an instance of Set; only plain objects and lists are data"],
    ["spec.re", "is an instance of RegExp; only plain objects and lists are data"],
    ["spec.port", "is an instance of Port; only plain objects and lists are data"],
    ["spec.list[1]", "is undefined inside a list"],
    ["spec.sparse[1]", "is an empty slot in a list"],
    ["spec.cycle.self", "refers back to spec.cycle (a cycle)"],
    ['spec["odd key"].$kind', 'uses the key "$kind", which meshc reserves for its own values'],
    ['spec["Symbol(tag)"]', "is keyed by a symbol"],
  ]);
});

test("paths run through services' specs, as the brief's example shows", () => {
  const orders = service("orders", { namespace: "shop", ports: { http: (() => 8080) as unknown as number } });
  assert.equal(issues({ services: [{ orders }] }), [["spec.services[0].orders.spec.ports.http", "is a function; call it and use its result"]]);
});

test("a mesh nested deeper than the limit is reported once, not walked to a stack overflow", () => {
  let deep: Record<string, unknown> = {};
  const top = deep;
  for (let i = 0; i < MAX_DEPTH + 50; i++) deep = (deep.next = {}) as Record<string, unknown>;
  const reported = issues({ top });
  assert.is(reported.length, 1);
  assert.match(reported[0]![1], new RegExp(`nested more than ${MAX_DEPTH} levels`));
});

test("a default export that is not a mesh is described", () => {
  assert.equal(outcome(undefined), { ok: false, notMesh: "nothing" });
  assert.equal(outcome(service("orders", { namespace: "shop", ports: {} })), { ok: false, notMesh: "a service" });
  assert.equal(outcome({ [KIND]: "service-ref", name: "x" }), { ok: false, notMesh: "a service reference" });
  assert.equal(outcome({ name: "m" }), { ok: false, notMesh: "an object" });
  assert.equal(outcome(() => 1), { ok: false, notMesh: "a function" });
});

test("end to end: a function in the policy value is MESH011 with its path, at the default export", async () => {
  const result = await load(fixture("function-value"));
  if (result.ok) throw new Error("must not load");
  assert.equal(result.diagnostics.map((d) => [d.code, d.path]), [["MESH011", "spec.services[0].orders.spec.ports.http"]]);
  assert.is(located(result.diagnostics[0]!, result.sources), at(fixture("function-value"), "export default"));
});

test("end to end: a default export that is not a mesh is MESH008 at the default export", async () => {
  const result = await load(fixture("not-a-mesh"));
  if (result.ok) throw new Error("must not load");
  assert.equal(result.diagnostics.map((d) => d.code), ["MESH008"]);
  assert.match(result.diagnostics[0]!.message, /is a service, not a mesh/);
  assert.is(located(result.diagnostics[0]!, result.sources), at(fixture("not-a-mesh"), "export default"));
  assert.is(result.diagnostics[0]!.span!.length, "export default".length);
});

test.run();
