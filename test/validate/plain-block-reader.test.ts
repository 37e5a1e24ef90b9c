// The fast reader for meshc's plain block YAML (compiler/validate/envoy/plain-block-reader.ts) against the full
// parser (json-tree.ts), differentially: whenever the fast reader returns a tree, it has exactly the full
// parser's shape, keys and Envoy-typed values (offsets aside), and the full parser finds no error in the text.
// Checked on arbitrary data written by meshc's writer (hostile strings and keys), on those texts mutated
// character by character, on the Envoy goldens and third-party configs; and the reader must accept every
// golden (else the speed is lost silently). The validator built on it must give the full path's findings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { envoyIssues, envoyKindOf, fullEnvoyIssues } from "../../compiler/validate/envoy";
import { type JsonNode, parseJsonTree } from "../../compiler/validate/envoy/json-tree";
import { readPlainBlock } from "../../compiler/validate/envoy/plain-block-reader";
import { plainText } from "../../compiler/validate/plain-block-reader";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { edited } from "./core-yaml-data";

/** A tree without offsets, integers as text (bigint), comparable with assert.equal. */
function shape(node: JsonNode): unknown {
  switch (node.kind) {
    case "object":
      return { object: node.entries.map((e) => [e.key, shape(e.value)]) };
    case "array":
      return { array: node.items.map(shape) };
    case "integer":
      return { integer: node.value.toString() };
    case "null":
      return { null: true };
    default:
      return { [node.kind]: node.value };
  }
}

/** The property: the fast reader gives up, or agrees with the full parser. Returns whether it agreed. */
function agrees(text: string): boolean {
  const fast = readPlainBlock(text);
  if (!fast) return false;
  const full = parseJsonTree(text);
  assert.equal(full.errors, [], `the fast reader accepted a text the full parser refuses: ${JSON.stringify(text)}`);
  assert.equal(shape(fast), shape(full.root!), JSON.stringify(text));
  return true;
}

const PIECES = [
  "yes", "No", "on", "OFF", "y", "~", "null", "true", "0x1F", "0X1F", "0o17", "017", "1e3", "-.5", ".inf", "-1", "1:20", "2001-12-14", "<<", "=",
  "---", "...", "%YAML", "- ", "-", "? ", "?", ": ", ":", "#", " #", "|", ">", "&a", "*a", "!tag", "!ignore", "@", "`", "'", '"', "''", "\\", "\\x41",
  "[", "]", "{", "}", "[]", "{}", ",", " ", "  ", "\t", "\n", " \n", "\r\n", "\u0000", "\u0085", "\u00a0", "\u2028", "\ufeff", "é", "😀",
  "type.googleapis.com/envoy.config.listener.v3.Listener", "outbound|8080|v1|orders.shop.svc.cluster.local", "0", "42", "3.14", "a", "key",
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 5 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PIECES) },
);
const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("data"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("data"), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const collection = fc.oneof(fc.array(data, { minLength: 1, maxLength: 4 }), fc.dictionary(hostileString, data, { minKeys: 1, maxKeys: 5, noNullPrototype: true }));

test("property: on meshc's writer's output, the fast reader agrees with the full parser whenever it reads", () => {
  let read = 0;
  fc.assert(
    fc.property(collection, (value) => {
      if (agrees(stableYaml(value as YamlValue))) read++;
    }),
    { numRuns: 3000 },
  );
  assert.ok(read > 1000, `the fast reader read ${read} of 3000 texts`);
});

const EDITS = ["", " ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", '"', "[", "{", "&a ", "*a", "!x ", "? ", "|", "\\", "---\n", "\t", "\r", "a: b\n", "a:\n"];

test("property: mutated texts (inserted, deleted or replaced characters, lines) — still agreeing or given up", () => {
  fc.assert(
    fc.property(edited(collection.map((value) => stableYaml(value as YamlValue)), EDITS), (text) => void agrees(text)),
    { numRuns: 3000 },
  );
});

/** YAML's rule for a plain scalar, as regular expressions: what may not start one (the indicators, and `?`, `:`,
 * `-` before a space or the end), and what it may not hold (a space at either end, ": ", " #", a colon at its end). */
const INDICATOR = /^[,[\]{}#&*!|>'"%@`]|^[?:-](?:$| )/;
const NOT_PLAIN_INSIDE = /^ |: | #|:$| $/;

test("property: the character checks for a plain scalar are the two regular expressions' verdict, on any text", () => {
  const pieces = fc.constantFrom(",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "?", ":", "-", " ", "\t", "a", "1", ": ", " #", "é", "\u0085");
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.array(pieces, { maxLength: 6 }).map((p) => p.join("")));
  fc.assert(fc.property(text, (raw) => assert.is(plainText(raw), !(raw === "" || INDICATOR.test(raw) || NOT_PLAIN_INSIDE.test(raw)), JSON.stringify(raw))), { numRuns: 20000 });
});

test("hand-picked texts at the subset's edges", () => {
  const cases = [
    "a: 1\n", "a:\n  - 1\n  - b: 2\n    c: 3\n", "- - 1\n  - 2\n- x\n", "a: []\nb: {}\n", "{}\n", "[]\n", "'a''b': \"c\\\"d\"\n",
    "a: b\n  c\n", "a:\n- 1\n", "a: 1\na: 2\n", "a: 1\n'a': 2\n", "a: 1 # c\n", "a: 'x' y\n", "a: \"x\" y\n", "a:  1\n", "a: 1 \n", "a:\n  b\n",
    "a: -1\n", "a: - 1\n", "- a:\n    - 1\n  b: 2\n", "a: x:y\n", "a: x: y\n", "x:y: 1\n", "a: http://h:80/p\n", "\"a\nb\": 1\n", "a: '\n'\n",
    "a: 1\n\nb: 2\n", "a: 1\n#c\n", "a: 1", "---\na: 1\n", "a: 1\n...\n", "null: 1\n~: 2\n", "a: \"\\/\\u00e9\\ud83d\\ude00\"\n", "a: !!str 1\n",
  ];
  for (const text of cases) agrees(text);
  for (const text of ["a: 1\n", "a:\n  - 1\n  - b: 2\n    c: 3\n", "- - 1\n  - 2\n- x\n", "'a''b': \"c\\\"d\"\n", "a: -1\n", "a: http://h:80/p\n", "null: 1\n~: 2\n"]) {
    assert.ok(readPlainBlock(text), `reads ${JSON.stringify(text)}`);
  }
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : [join(dir, e)]));
}
const root = join(__dirname, "../..");
const goldens = files(join(__dirname, "../golden/envoy")).filter((p) => envoyKindOf(p));
const anchors = files(join(root, "../shared/anchors/envoy-configs")).filter((p) => p.endsWith(".yaml"));

test("every Envoy golden is read by the fast reader, the same as by the full parser; third-party configs agree or are given up", () => {
  assert.ok(goldens.length >= 12);
  for (const path of goldens) assert.ok(agrees(readFileSync(path, "utf8")), `${path} is in the plain subset`);
  assert.ok(anchors.length >= 3);
  for (const path of anchors) agrees(readFileSync(path, "utf8"));
});

test("the validator's findings equal the full parser's path, on goldens, anchors and faulty documents", () => {
  const faults = [(t: string) => t, (t: string) => t.replace(/port_value: \d+/, "port_value: 70000"), (t: string) => t.replace(/\n(\s+)name: /, "\n$1nmae: "), (t: string) => t.replace(/type: STRICT_DNS/, "type: STRICTER_DNS")];
  for (const path of [...goldens, ...anchors]) {
    const kind = envoyKindOf(path) ?? "bootstrap";
    for (const fault of faults) {
      const text = fault(readFileSync(path, "utf8"));
      assert.equal(envoyIssues(kind, text), fullEnvoyIssues(kind, text), path);
    }
  }
});

test.run();
