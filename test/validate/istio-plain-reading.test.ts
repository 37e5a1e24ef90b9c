// The Istio validator's fast reading tries the plain block reader first (fast-yaml.ts, readPlainStream) and js-yaml
// after it. Whenever the plain reader returns values they must be exactly js-yaml's (key order, bigints, -0, NaN,
// own `__proto__` keys), and js-yaml must read the text too; istio-yaml.test.ts holds js-yaml's values to the
// located reading's. And it must read every Istio file meshc writes, or the speed is lost silently.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { readPlainStream, readStreamWithJsYaml } from "../../compiler/validate/istio/fast-yaml";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { DEFAULT_ISTIO_API } from "../../targets/target";
import { exampleModel } from "../envoy/example-model";
import { emitted } from "../istio/istio-config";
import { generatedModel } from "../istio/generated-model";
import { coreData, edited, hostileStrings } from "./core-yaml-data";

/** A value as text that tells apart what assert.equal would not: key order, own keys, bigint, -0, NaN, infinities. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return `#bigint:${v}`;
    if (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v))) return `#number:${Object.is(v, -0) ? "-0" : String(v)}`;
    if (typeof v === "string") return `#string:${v}`;
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).map((k) => [`#key:${k}`, (v as Record<string, unknown>)[k]]));
    return v;
  });
}

/** The plain reader gives up, or agrees with js-yaml (which must read the text). Returns whether it read. */
function agrees(text: string): boolean {
  const plain = readPlainStream(text);
  if (plain === undefined) return false;
  const js = readStreamWithJsYaml(text);
  assert.ok(js !== null, `the plain reader read a text js-yaml refuses: ${JSON.stringify(text)}`);
  assert.is(exact(plain), exact(js), JSON.stringify(text));
  return true;
}

const PIECES = [
  "yes", "Yes", "YES", "no", "On", "off", "y", "Y", "n", "N", "~", "null", "Null", "NULL", "true", "True", "TRUE", "tRue", "false", "0x1F", "0X1F", "0o17", "0o8", "017",
  "1e3", "1E+3", "-.5", "1.", ".5", "+1", "-0", "-0.0", "00", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "NaN", "1_000", "12345678901234567890", "1:20", "2001-12-14",
  "12:30:00", "<<", "__proto__", "constructor", "toString", "=", "---", "...", "%YAML", "- ", "-", "? ", "?", ": ", ":", "#", " #", "|", ">", "&a", "*a", "!tag",
  "!!str", "@", "`", "'", '"', "''", "\\", "[", "]", "{", "}", "[]", "{}", ",", " ", "\t", "\n", " \n", "\r\n", "\u0000", "\u0085", "\u00a0", "\u2028", "\ufeff", "é",
  "😀", "0", "42", "3.14", "networking.istio.io/v1", "VirtualService", "*.svc.cluster.local", "0.0.0.0/0", "::1",
];
const hostile = hostileStrings(PIECES);
/** Istio's values as the targets hold them: bigints are written as their digits. */
const data = coreData(hostile, 4);
const object = fc.dictionary(hostile, data, { minKeys: 1, maxKeys: 5, noNullPrototype: true });
const stream = fc.array(object, { minLength: 1, maxLength: 3 }).map((docs) => docs.map((d) => stableYaml(d as YamlValue)).join("---\n"));

test("property: on meshc's writer's output, the plain reader agrees with js-yaml whenever it reads", () => {
  let read = 0;
  fc.assert(fc.property(stream, (text) => void (agrees(text) && read++)), { numRuns: 3000 });
  assert.ok(read > 400, `the plain reader read ${read} of 3000 streams`);
});

const EDITS = ["", " ", "\n", "\t", "-", "- ", ":", ": ", "#", "'", '"', "[", "{", "&a ", "*a", "!x ", "? ", "|", "|-\n", "---\n", "...\n", "\r", "a: b\n", "a:\n", "1", "yes", "~", ".5", "0o", "<<: "];

test("property: mutated streams — still agreeing or given up", () => {
  fc.assert(
    fc.property(edited(stream, EDITS), (text) => void agrees(text)),
    { numRuns: 3000 },
  );
});

test("hand-picked texts: typed and duplicate keys, merge keys, own keys over inherited ones, go-yaml booleans, bigints", () => {
  const cases = [
    "a: yes\nb: on\nc: n\nd: ~\ne: 12345678901234567890\nf: 0o17\ng: 0x1F\nh: 1.5\ni: .inf\nj: -.NaN\nk: 1e3\nl: -0\nm: 2001-12-14\n", "1: a\n", "true: a\n", "~: a\n",
    "1: a\n'1': b\n", "a: 1\n'a': 2\n", "<<: a\n", "__proto__: 1\nb: 2\n", "toString: 1\nconstructor: 2\n", "a: |\n  x\n  \ty\n", "a: |-\n  x\n", "a: |+\n  x\n\n",
    "a: '1'\nb: \"yes\"\n", "a: \"\\u00e9\\/\"\n", "a: 1\n---\nb: 2\n", "---\na: 1\n", "a: 1\n---\n", "- a\n- b\n", "a:\n  - b: 1\n    c: 2\n",
  ];
  for (const text of cases) agrees(text);
  assert.ok(agrees("__proto__: 1\nb: 2\n"));
  assert.is(readPlainStream("1: a\n"), undefined, "a key js-yaml would type is left to it");
});

test("every Istio file of the example and of a generated mesh is read by the plain reader, as js-yaml reads it", async () => {
  const files = [...emitted(await exampleModel(), DEFAULT_ISTIO_API), ...emitted(await generatedModel(), DEFAULT_ISTIO_API), ...emitted(await generatedModel(), "v1beta1")];
  assert.ok(files.length > 20);
  for (const [path, text] of files) assert.ok(agrees(text), `the plain reader gave up on ${path}`);
});

test.run();
