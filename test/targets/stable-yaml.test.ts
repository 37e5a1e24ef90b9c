// The shared YAML emitter (targets/stable-yaml.ts). Three properties, with fast-check, over arbitrary JSON-like
// data whose strings and keys are built from YAML's hostile pieces (indicators, document markers, YAML 1.1
// booleans and numbers, line breaks, leading/trailing spaces, control characters, quotes):
// 1. the text parses back, as YAML 1.1, to the input;
// 2. it is byte-identical to what meshc wrote before (the `yaml` package's stringify over key-sorted data with
//    { version: "1.1", lineWidth: 0 }), so no golden changes; the two deliberate differences, where that
//    package's text does not read back ("<<", a plain `<<` key being a YAML 1.1 merge key; multi-line
//    strings of only blanks; U+FEFF, a byte order mark), and any value its text does not read back as, are left
//    out of that property and tested on their own;
// 3. it does not depend on the input's key order;
// 4. every string reads back as that same string through each reader of meshc's files: a YAML 1.1 reader, the
//    `yaml` package's YAML 1.2 reader, and Envoy's own loader (yaml-cpp's scalar conversion, as
//    compiler/validate/envoy types it) — 0X1F, 0o17, 0XFFFFFFFFFF, inf, = and friends were written plain before.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { shareRendering, stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { type JsonNode, parseJsonTree } from "../../compiler/validate/envoy/json-tree";

/** The emitter meshc used before stable-yaml: the reference for byte identity. */
function previousEmitter(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return stringify(sorted(value), { version: "1.1", lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

const PIECES = [
  "yes", "No", "on", "OFF", "y", "n", "~", "null", "NULL", "true", "False", "0x1F", "0o17", "017", "0b101", "1e3", "1E-3", "-.5", ".inf", ".NaN",
  "1:20", "190:20:30.15", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "---", "...", "%YAML", "- ", "-", "? ", "?", ": ", ":", "#", " #",
  "|", ">", "&a", "*a", "!tag", "@", "`", "'", '"', "''", '\\', "[", "]", "{", "}", ",", " ", "  ", "\t", "\n", "\n\n", " \n", "\n ", "\r\n",
  "\u0000", "\u0007", "\u001b", "\u0085", "\u00a0", "\u2028", "\u2029", "\ud800", "\ufeff", "é", "😀", "type.googleapis.com/envoy.config.listener.v3.Listener",
  "outbound|8080|v1|orders.shop.svc.cluster.local", "[%START_TIME%] \"%REQ(:METHOD)%\"\n", "0", "42", "-7", "3.14", "a", "key",
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(...PIECES) },
);

const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("data"), { maxLength: 5 }),
    fc.dictionary(hostileString, tie("data"), { maxKeys: 5, noNullPrototype: true }),
  ),
}));

/** A document root: targets write objects. */
const doc = fc.dictionary(hostileString, data, { maxKeys: 6, noNullPrototype: true }) as fc.Arbitrary<YamlValue>;

/** Plain scalars only YAML 1.2 or Envoy's yaml-cpp type: the previous emitter, with YAML 1.1 rules, wrote them plain. */
const TYPED_BEYOND_1_1 = /^(?:[-+]?0[oO][0-7_]+|[-+]?0[bB][0-1_]+|[-+]?0[xX][0-9a-fA-F_.]*(?:[pP][-+]?[0-9]+)?|[-+]?(?:inf|infinity|nan)|=)$/i;

/** Strings the previous emitter wrote so that they do not read back (through some reader); stable-yaml quotes them. */
const lostBefore = (s: string) => s === "<<" || s.includes("\ufeff") || (s.includes("\n") && /^[\n\t ]*$/.test(s) && /[\t ]/.test(s)) || TYPED_BEYOND_1_1.test(s);

function readsBack(text: string, value: unknown): boolean {
  try {
    assert.equal(parse(text, { version: "1.1" }), value);
    return true;
  } catch {
    return false;
  }
}

function holdsLostString(v: unknown): boolean {
  if (typeof v === "string") return lostBefore(v);
  if (Array.isArray(v)) return v.some(holdsLostString);
  if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => lostBefore(k) || holdsLostString(x));
  return false;
}

test("property: the text parses back, as YAML 1.1, to the input", () => {
  fc.assert(
    fc.property(doc, (value) => {
      assert.equal(parse(stableYaml(value), { version: "1.1" }), value);
    }),
    { numRuns: 1500 },
  );
});

test("property: byte-identical to the previous emitter (so no golden changes)", () => {
  fc.assert(
    fc.property(fc.oneof(doc, data as fc.Arbitrary<YamlValue>), (value) => {
      fc.pre(!holdsLostString(value));
      // Where the previous emitter's text does not read back at all, stable-yaml (which reads back: the
      // property above) cannot equal it. Found at random: "2001-12-14t21:59:43.10-05:00   \r\n \n", which
      // the yaml package folds into a double-quoted scalar that reads back with a stray backslash.
      const before = previousEmitter(value);
      fc.pre(readsBack(before, value));
      assert.is(stableYaml(value), before);
    }),
    { numRuns: 1500 },
  );
});

test("property: a shared node (shareRendering) is written exactly as the walk writes it, at every indentation", () => {
  fc.assert(
    fc.property(doc, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (value, places) => {
      fc.pre(value !== null && typeof value === "object" && !Array.isArray(value));
      // The same object placed at several depths of a document, marked shared; a deep copy of it unshared.
      const node = shareRendering({ inner: value as YamlValue, list: [value as YamlValue] });
      const shared: { [k: string]: YamlValue } = {};
      const plain: { [k: string]: YamlValue } = {};
      places.forEach((depth, i) => {
        let s: YamlValue = node;
        let p: YamlValue = JSON.parse(JSON.stringify(node));
        for (let d = 0; d < depth % 4; d++) {
          s = d % 2 ? [s] : { at: s };
          p = d % 2 ? [p] : { at: p };
        }
        shared[`k${i}`] = s;
        plain[`k${i}`] = p;
      });
      assert.is(stableYaml(shared), stableYaml(plain));
      assert.is(stableYaml(shared), stableYaml(plain), "the second writing, from the kept texts, too");
    }),
    { numRuns: 150 },
  );
});

test("property: key order in the input does not change a byte", () => {
  const reversed = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reversed);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
    return v;
  };
  fc.assert(
    fc.property(doc, (value) => {
      assert.is(stableYaml(reversed(value) as YamlValue), stableYaml(value));
    }),
    { numRuns: 500 },
  );
});

/** Strings that look like something else to some YAML reader: numbers in every base and spelling, specials. */
const LOOK_ALIKES = [
  "0X1F", "0XFFFFFFFFFF", "0x1f", "-0x10", "0o17", "0O17", "0b101", "0B101", "017", "08", "1_000", "+12", "-0", ".inf", "-.Inf", ".NaN", "inf",
  "-infinity", "NaN", "0x1p3", "0x1.8p1", "1e3", "1E+3", "3.", ".5", "1e400", "~", "null", "Null", "y", "n", "Y", "yes", "No", "off", "ON",
  "1:20", "190:20:30.15", "2001-12-14", "2001-12-14 21:59:43.10 -5", "<<", "=", "", "true", "FALSE",
];
const numberLike = fc.stringMatching(/^[-+]?(?:0[xXoObB])?[0-9a-fA-F_.:eEpP+-]{0,8}$/);
const anyString = fc.oneof(hostileString, numberLike, fc.constantFrom(...LOOK_ALIKES));

/** The strings of a JSON tree as Envoy's loader reads it, or the first node that is not a string. */
function envoyStrings(node: JsonNode): unknown {
  switch (node.kind) {
    case "object": return Object.fromEntries(node.entries.map((e) => [e.key, envoyStrings(e.value)]));
    case "array": return node.items.map(envoyStrings);
    case "string": return node.value;
    default: return { notAString: node.kind, value: "value" in node ? String(node.value) : null };
  }
}

test("property: every string reads back as itself through YAML 1.1, YAML 1.2 and Envoy's loader", () => {
  fc.assert(
    fc.property(anyString, anyString, (key, value) => {
      const input = { [key]: value, list: [value] };
      const text = stableYaml(input);
      assert.equal(parse(text, { version: "1.1" }), input, "YAML 1.1");
      assert.equal(parse(text, { version: "1.2" }), input, "YAML 1.2");
      const envoy = parseJsonTree(text);
      assert.equal(envoy.errors, [], text);
      // Envoy reads a null key as "null" (yaml-cpp's as<std::string>), and the writer quotes such keys.
      assert.equal(envoyStrings(envoy.root!), input, `Envoy: ${text}`);
    }),
    { numRuns: 3000 },
  );
});

test("a line of one space inside a long multi-line string reads back (fast-check seed -1019567926)", () => {
  // The space both starts and ends its line: escaped once as "\\ ", never as "\\\\ " (a backslash, then a space folding ate).
  for (const value of ["\u0007outbound|8080|v1|orders.shop.svc.cluster.local\n \n\n", "a long enough line to be folded at its breaks\n \nnext", "a long enough line to be folded at its breaks\n  \n"]) {
    const input = { "": value, list: [value] };
    const text = stableYaml(input);
    assert.equal(parse(text, { version: "1.1" }), input, text);
    assert.equal(parse(text, { version: "1.2" }), input, text);
    assert.equal(envoyStrings(parseJsonTree(text).root!), input, text);
  }
});

test("look-alikes of numbers, booleans, nulls, dates and merge keys are quoted, for every reader", () => {
  for (const s of LOOK_ALIKES) {
    const text = stableYaml({ k: s });
    assert.not.equal(text, `k: ${s}\n`, `${s} is quoted`);
    assert.equal(parse(text, { version: "1.1" }), { k: s }, s);
    assert.equal(parse(text), { k: s }, s);
    assert.equal(envoyStrings(parseJsonTree(text).root!), { k: s }, s);
  }
});

test("YAML 1.1 look-alikes are quoted; plain text stays plain", () => {
  for (const s of ["yes", "on", "Off", "y", "~", "0x1F", "1e3", "017", "1:20", "2001-12-14", "<<", "", "null"]) {
    assert.is(stableYaml({ k: s }), `k: "${s}"\n`, s);
  }
  assert.is(stableYaml({ k: "yesterday", n: "v1" }), 'k: yesterday\n"n": v1\n');
});

test("a string the previous emitter folded wrongly is written so that it reads back", () => {
  const value = ["2001-12-14t21:59:43.10-05:00   \r\n \n"];
  assert.equal(parse(stableYaml(value), { version: "1.1" }), value);
  assert.not.equal(parse(previousEmitter(value), { version: "1.1" }), value, "the previous emitter's text reads back otherwise");
});

test('"<<" is quoted, so a key of that name is not read as a YAML 1.1 merge key', () => {
  const value = { "<<": { a: 1 }, b: "<<" };
  assert.is(stableYaml(value), '"<<":\n  a: 1\nb: "<<"\n');
  assert.equal(parse(stableYaml(value), { version: "1.1" }), value);
  assert.not.equal(parse(previousEmitter(value), { version: "1.1" }), value, "the previous emitter wrote a merge key");
});

test("a multi-line string of only blanks is quoted, so its spaces read back", () => {
  for (const s of [" \n", "\n \n", "  \n\n"]) {
    assert.equal(parse(stableYaml({ k: s }), { version: "1.1" }), { k: s }, JSON.stringify(s));
    assert.not.equal(parse(previousEmitter({ k: s }), { version: "1.1" }), { k: s }, `the previous emitter lost ${JSON.stringify(s)}`);
  }
});

test("U+FEFF is escaped, so a key that starts the document keeps it", () => {
  assert.is(stableYaml({ "\ufeff": "" }), '"\\ufeff": ""\n');
  assert.equal(parse(stableYaml({ "\ufeffa": "b\ufeff" }), { version: "1.1" }), { "\ufeffa": "b\ufeff" });
  assert.not.equal(parse(previousEmitter({ "\ufeff": "" }), { version: "1.1" }), { "\ufeff": "" }, "the previous emitter lost it");
});

test("layout: sorted keys, indented sequences, empty collections, literal blocks, explicit long keys", () => {
  const text = stableYaml({ b: [{ y: 1, x: [] }, [1, 2]], a: { c: {} }, m: "line one\nline two\n", u: undefined, s: [undefined] });
  assert.is(text, ["a:", "  c: {}", "b:", "  - x: []", '    "y": 1', "  - - 1", "    - 2", "m: |", "  line one", "  line two", "s:", "  - null", ""].join("\n"));
  const long = "k".repeat(1100);
  assert.is(stableYaml({ [long]: { a: 1 } }), `? ${long}\n: a: 1\n`);
  assert.is(stableYaml({ "10": 1, "9": 2, b: 3, a: 4 }), '"9": 2\n"10": 1\na: 4\nb: 3\n');
});

test("a value that is not plain data is refused", () => {
  assert.throws(() => stableYaml({ f: (() => 1) as never }), /cannot write a function/);
});

test.run();
