// The serializer's walk was made cheaper (compiler/load/plain-data.ts); what it writes and what it reports
// must not change for any value. The walk it replaced is kept as the oracle (plain-data-oracle.ts), and
// both are run on the same random values, each on a fresh copy built from one recipe: values with getters
// that delete, hide, reveal, replace or add a sibling (their own object's or their parent's) or throw,
// setter-only properties, non-enumerable and symbol keys, Proxies that log every trap (and one whose
// descriptors change on every read), class instances and other prototypes, holes and getters in lists,
// brands (known, unknown, read through a getter), module namespaces (esbuild's object of getters),
// sharing, cycles and nesting past the depth limit. Compared: the outcome text (or what was thrown) and the
// log of every getter call and trap, in order, so the two read the same things in the same order.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { KIND } from "../../dsl/brand";
import { MAX_DEPTH, serializePolicy } from "../../compiler/load/plain-data";
import { serializePolicy as oracle } from "./plain-data-oracle";

type Recipe =
  | { readonly t: "prim"; readonly i: number }
  | { readonly t: "object"; readonly proto: number; readonly entries: readonly Entry[]; readonly symbols: number }
  | { readonly t: "list"; readonly items: readonly Item[]; readonly proto: number; readonly extra: boolean }
  | { readonly t: "proxy"; readonly inner: Recipe; readonly changing: boolean }
  | { readonly t: "brand"; readonly kind: number; readonly fields: readonly Recipe[]; readonly kindGetter: boolean }
  | { readonly t: "namespace"; readonly exports: readonly Recipe[] }
  | { readonly t: "cycle"; readonly up: number }
  | { readonly t: "shared"; readonly id: number }
  | { readonly t: "deep"; readonly levels: number; readonly leaf: Recipe };

interface Entry {
  readonly key: number;
  readonly mode: number;
  readonly value: Recipe;
}

interface Item {
  readonly hole: boolean;
  readonly getter: boolean;
  readonly value: Recipe;
}

const KEYS = ["a", "b", "c", "$kind", "odd key", "0", "1", "__proto__", "constructor", "spec", "name", "x-y"];
const BRANDS: readonly unknown[] = ["mesh", "service", "service-ref", "other", 7];

class Port {
  constructor(readonly n: number) {}
}

/** Values that are the same on every build (a fresh symbol and function would be too; they are reported either way). */
const PRIMS: readonly unknown[] = ["a", "", '"q"', "\u2028", "\ud800", "orders", 0, -0, 1.5, 1e21, -7, NaN, Infinity, -Infinity, true, false, null, undefined, 10n, Symbol("s"), () => 1];

const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ node: Recipe }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ t: fc.constant("prim" as const), i: fc.nat(PRIMS.length - 1) }),
    fc.record({
      t: fc.constant("object" as const),
      proto: fc.constantFrom(0, 0, 0, 1, 2, 3),
      entries: fc.array(fc.record({ key: fc.nat(KEYS.length - 1), mode: fc.nat(11), value: tie("node") }), { maxLength: 5 }),
      symbols: fc.nat(2),
    }),
    fc.record({
      t: fc.constant("list" as const),
      items: fc.array(fc.record({ hole: fc.boolean(), getter: fc.boolean(), value: tie("node") }), { maxLength: 4 }),
      proto: fc.constantFrom(0, 0, 0, 1),
      extra: fc.boolean(),
    }),
    fc.record({ t: fc.constant("proxy" as const), inner: tie("node"), changing: fc.boolean() }),
    fc.record({ t: fc.constant("brand" as const), kind: fc.nat(BRANDS.length - 1), fields: fc.array(tie("node"), { maxLength: 2 }), kindGetter: fc.boolean() }),
    fc.record({ t: fc.constant("namespace" as const), exports: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ t: fc.constant("cycle" as const), up: fc.nat(3) }),
    fc.record({ t: fc.constant("shared" as const), id: fc.nat(20) }),
    fc.record({ t: fc.constant("deep" as const), levels: fc.integer({ min: MAX_DEPTH - 3, max: MAX_DEPTH + 2 }), leaf: tie("node") }),
  ),
})).node;

/** Builds a fresh value from `r`, logging every getter call and Proxy trap into `log`. */
function builder(log: string[]): (r: Recipe, parents: readonly object[]) => unknown {
  const built: object[] = [];
  const keep = <T extends object>(o: T): T => (built.push(o), o);
  const define = (o: object, key: PropertyKey, d: PropertyDescriptor) => Object.defineProperty(o, key, { configurable: true, ...d });

  function build(r: Recipe, parents: readonly object[]): unknown {
    switch (r.t) {
      case "prim":
        return PRIMS[r.i];
      case "cycle":
        return parents[parents.length - 1 - r.up] ?? null;
      case "shared":
        return built.length ? built[r.id % built.length] : null;
      case "deep": {
        const top = keep({} as Record<string, unknown>);
        let at = top;
        for (let i = 0; i < r.levels; i++) at = at.next = {};
        at.leaf = build(r.leaf, [...parents, top]);
        return top;
      }
      case "brand": {
        const o = keep({});
        const kind = BRANDS[r.kind];
        if (r.kindGetter) define(o, KIND, { enumerable: false, get: () => (log.push("get:KIND"), kind) });
        else define(o, KIND, { enumerable: false, value: kind });
        r.fields.forEach((f, i) => define(o, ["name", "spec"][i]!, { enumerable: true, writable: true, value: build(f, [...parents, o]) }));
        return o;
      }
      case "namespace": {
        const o = keep({});
        r.exports.forEach((e, i) => {
          const v = build(e, [...parents, o]);
          define(o, `e${i}`, { enumerable: true, get: () => (log.push(`get:e${i}`), v) });
        });
        return o;
      }
      case "list": {
        const o = keep([] as unknown[]);
        if (r.proto === 1) Object.setPrototypeOf(o, Port.prototype);
        r.items.forEach((item, i) => {
          if (item.hole) {
            o.length = i + 1;
            return;
          }
          const v = build(item.value, [...parents, o]);
          if (item.getter) define(o, i, { enumerable: true, get: () => (log.push(`get:[${i}]`), v) });
          else define(o, i, { enumerable: true, writable: true, value: v });
        });
        if (r.extra) define(o, "extra", { enumerable: true, writable: true, value: 1 });
        return o;
      }
      case "proxy": {
        const target = build(r.inner, parents);
        if (typeof target !== "object" || target === null) return target;
        let reads = 0;
        const handler: ProxyHandler<object> = {};
        for (const trap of ["getOwnPropertyDescriptor", "ownKeys", "getPrototypeOf", "get", "has", "isExtensible"] as const) {
          (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
            const key = args[1];
            log.push(`trap:${trap}:${typeof key === "symbol" ? key.toString() : String(key)}:${typeof key}`);
            const result = (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
            // A configurable data property may read differently each time: a counter shows it was read once.
            if (r.changing && trap === "getOwnPropertyDescriptor" && result && (result as PropertyDescriptor).configurable && "value" in (result as object)) {
              return { ...(result as PropertyDescriptor), value: `read ${reads++}` };
            }
            return result;
          };
        }
        return keep(new Proxy(target, handler));
      }
      case "object": {
        const o = keep((r.proto === 1 ? Object.create(null) : r.proto === 2 ? new Port(1) : r.proto === 3 ? Object.create({}) : {}) as Record<string, unknown>);
        const me = [...parents, o];
        const parent = parents[parents.length - 1];
        const seen = new Set<string>();
        const entries = r.entries.filter((e) => !seen.has(KEYS[e.key]!) && (seen.add(KEYS[e.key]!), true));
        if (r.proto === 2) delete (o as { n?: number }).n;
        entries.forEach((e, i) => {
          const key = KEYS[e.key]!;
          const v = build(e.value, me);
          const next = entries[i + 1] && KEYS[entries[i + 1]!.key]!;
          // Getters that change what comes after them: in this object, or (mode 10) in the parent.
          const sibling = (on: object | undefined, change: (target: object, k: string) => void) => () => {
            log.push(`get:${key}`);
            if (on && next !== undefined) change(on, next);
            return v;
          };
          const modes: (() => PropertyDescriptor)[] = [
            () => ({ enumerable: true, writable: true, value: v }),
            () => ({ enumerable: false, writable: true, value: v }),
            () => ({ enumerable: true, get: () => (log.push(`get:${key}`), v) }),
            () => ({ enumerable: true, get: sibling(o, (t, k) => delete (t as Record<string, unknown>)[k]) }),
            () => ({ enumerable: true, get: sibling(o, (t, k) => define(t, k, { enumerable: false })) }),
            () => ({ enumerable: true, get: sibling(o, (t, k) => define(t, k, { enumerable: true })) }),
            () => ({ enumerable: true, get: sibling(o, (t) => define(t, `added${i}`, { enumerable: true, writable: true, value: 1 })) }),
            () => ({ enumerable: true, get: sibling(o, (t, k) => define(t, k, { value: "replaced" })) }),
            () => ({ enumerable: true, set: () => {} }),
            () => ({ enumerable: true, get: sibling(o, (t, k) => define(t, k, { get: () => (log.push(`get:late ${k}`), "late") })) }),
            () => ({ enumerable: true, get: sibling(parent, (t) => ownKeysOf(t).forEach((k) => typeof k === "string" && define(t, k, { enumerable: false }))) }),
            () => ({
              enumerable: true,
              get: () => {
                log.push(`get:${key}`);
                throw new Error(`getter ${key} throws`);
              },
            }),
          ];
          define(o, key, modes[e.mode]!());
        });
        for (let s = 0; s < r.symbols; s++) define(o, Symbol.for(`tag${s}`), { enumerable: true, writable: true, value: s });
        return o;
      }
    }
  }
  return build;
}

const ownKeysOf = (o: object) => Reflect.ownKeys(o);

/** What a serializer made of the value built from `r` (wrapped in a mesh unless `bare`), and what it read. */
function run(serialize: (value: unknown) => string, r: Recipe, bare: boolean): { outcome: string; log: string[] } {
  const log: string[] = [];
  const build = builder(log);
  const mesh: Record<PropertyKey, unknown> = {};
  Object.defineProperty(mesh, KIND, { value: "mesh", enumerable: false });
  const value = bare ? build(r, []) : (mesh.spec = build(r, [mesh]), mesh);
  let outcome: string;
  try {
    outcome = serialize(value);
  } catch (error) {
    outcome = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  return { outcome, log };
}

test("the new walk writes and reports exactly what the old one did, reading the same things in the same order", () => {
  fc.assert(
    fc.property(recipe, fc.boolean(), (r, bare) => {
      assert.equal(run(serializePolicy, r, bare), run(oracle, r, bare));
    }),
    { numRuns: 3000 },
  );
});

test("the comparison is not vacuous: the random values reach issues, getters, traps, cycles and the depth limit", () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(recipe, (r) => {
      const { outcome, log } = run(serializePolicy, r, false);
      if (outcome.startsWith('{"ok":true')) seen.add("ok");
      if (outcome.startsWith("threw")) seen.add("threw");
      for (const reason of ["a cycle", "levels deep", "empty slot", "keyed by a symbol", "instance of", "unknown meshc value", "reserves", "is NaN", "is a function"]) if (outcome.includes(reason)) seen.add(reason);
      if (log.some((l) => l.startsWith("trap:"))) seen.add("trap");
      if (log.some((l) => l.startsWith("get:"))) seen.add("getter");
    }),
    { numRuns: 3000, seed: 20 },
  );
  assert.equal([...seen].sort(), ["a cycle", "empty slot", "getter", "instance of", "is NaN", "is a function", "keyed by a symbol", "levels deep", "ok", "reserves", "threw", "trap", "unknown meshc value"].sort());
});

test.run();
