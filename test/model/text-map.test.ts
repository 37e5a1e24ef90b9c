// TextMap (compiler/model/text-map.ts) is a Map for long texts: it must find exactly the texts equal to the one
// asked for, whatever their length and however alike (same length, same sampled characters, same ends).
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { TextMap } from "../../compiler/model";

test("property: behaves as a Map on texts built to collide (equal lengths, equal ends, one character apart)", () => {
  const base = "resources:\n" + "  - x: 1\n".repeat(3000); // longer than V8's 16 383-character hash limit
  const variant = fc.tuple(fc.nat(base.length - 1), fc.constantFrom("a", "b", "\n")).map(([at, ch]) => base.slice(0, at) + ch + base.slice(at + 1));
  const text = fc.oneof(variant, fc.string({ maxLength: 120 }), fc.constant(base));
  fc.assert(
    fc.property(fc.array(fc.tuple(text, fc.integer()), { maxLength: 40 }), fc.array(text, { maxLength: 20 }), (entries, probes) => {
      const map = new Map<string, number>();
      const textMap = new TextMap<number>();
      for (const [k, v] of entries) {
        map.set(k, v);
        textMap.set(k, v);
      }
      assert.is(textMap.size, map.size);
      for (const k of [...entries.map(([k]) => k), ...probes]) assert.is(textMap.get(k), map.get(k));
    }),
    { numRuns: 200 },
  );
});

test("an equal text in another string is found; clear empties it", () => {
  const a = "z".repeat(20000);
  const m = new TextMap<string>().set(a, "a");
  assert.is(m.get("z".repeat(19999) + "z"), "a");
  m.clear();
  assert.is(m.size, 0);
  assert.is(m.get(a), undefined);
});

test.run();
