// targets/envoy/same-data.ts decides when the Envoy target reuses a document's YAML: the same data must be the same text.
// Over arbitrary JSON-like values with shared subtrees (the same object in several places, as the target's
// callee clusters are) and undefined fields: a value and its deep copy are the same data; whenever sameData
// says two values are the same, stableYaml writes them alike; a one-place change is seen wherever it is.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { sameData } from "../../targets/envoy/same-data";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(0, -0, "0", "", "true"));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 3 }), tie("value"), { maxKeys: 4, noNullPrototype: true })),
}));

/** A deep copy that keeps undefined fields (structuredClone does too), so only identity differs. */
const copy = (v: unknown): unknown => structuredClone(v);

/** The value with one scalar somewhere replaced by another, or null when it holds no scalar to replace. */
function changedAt(v: unknown, pick: number, to: unknown): unknown | null {
  const places: { holder: Record<string | number, unknown>; key: string | number }[] = [];
  const walk = (x: unknown) => {
    if (typeof x !== "object" || x === null) return;
    for (const [k, c] of Object.entries(x)) {
      if (typeof c === "object" && c !== null) walk(c);
      else places.push({ holder: x as Record<string, unknown>, key: Array.isArray(x) ? Number(k) : k });
    }
  };
  const out = copy(v);
  walk(out);
  if (!places.length) return null;
  const place = places[pick % places.length]!;
  if (Object.is(place.holder[place.key], to)) return null;
  place.holder[place.key] = to;
  return out;
}

test("a value and its deep copy are the same data", () => {
  fc.assert(fc.property(value, (v) => sameData(v, copy(v)) && sameData(v, v)), { numRuns: 2000 });
});

test("the same data is written as the same YAML (shared subtrees, undefined fields, -0)", () => {
  fc.assert(
    fc.property(value, value, value, (a, b, shared) => {
      const left = { a, s: shared, t: [shared, a] };
      const right = { a: copy(a), s: shared, t: [copy(shared), b] };
      if (sameData(left, right)) assert.is(stableYaml(left as YamlValue), stableYaml(right as YamlValue));
      if (sameData(a, b)) assert.is(stableYaml(a as YamlValue), stableYaml(b as YamlValue));
    }),
    { numRuns: 2000 },
  );
});

test("a change in one place is a difference, wherever it is", () => {
  fc.assert(
    fc.property(value, fc.nat(), scalar, (v, pick, to) => {
      const changed = changedAt(v, pick, to);
      if (changed !== null) assert.ok(!sameData(v, changed) && !sameData(changed, v), JSON.stringify([v, changed]));
    }),
    { numRuns: 2000 },
  );
  assert.ok(!sameData({ a: undefined }, {}), "an undefined field is not a missing one");
  assert.ok(!sameData([1, 2], { 0: 1, 1: 2, length: 2 }), "an array is not an object with its indices");
  assert.ok(!sameData({ a: [1] }, { a: [1, undefined] }));
  assert.ok(sameData({ b: 1, a: 2 }, { a: 2, b: 1 }), "key order is not data: stable-yaml sorts keys");
});

test.run();
