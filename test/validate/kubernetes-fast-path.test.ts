// The Kubernetes validator's fast path (compiler/validate/yaml-core-values.ts over the plain block reader) against
// the full parser, differentially: whenever the fast reading returns a value, it is exactly what
// `parseAllDocuments(text)` and `doc.toJS()` give (same keys in the same order, same typed scalars, -0 and NaN
// included) and the full parser finds no error; the validator built on it gives the full path's findings
// (codes, messages, offsets, order) on the example, on a generated mesh, and on mutated documents that must fail;
// and it reads every document meshc writes (else the speed is lost silently).
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import { fullKubernetesFindings, validateKubernetes } from "../../compiler/validate/kubernetes";
import { coreRules, coreScalar, readCoreDocument, streamDocuments } from "../../compiler/validate/yaml-core-values";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "../istio/generated-model";
import { captureConfig, envoyConfig } from "../../targets/kubernetes/config-map";
import { objectStream } from "../../targets/kubernetes/yaml-stream";
import { packagedBuild } from "../kubernetes/packaged-build";
import { coreData, edited, hostileStrings } from "./core-yaml-data";

/** A value as text that tells apart what assert.equal would not: key order, -0, NaN, infinities. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v))) return `#number:${Object.is(v, -0) ? "-0" : String(v)}`;
    if (typeof v === "string") return `#string:${v}`;
    return v;
  });
}

/** The property for a stream: the fast reading gives up, or agrees with the full parser. Returns whether it read. */
function agrees(text: string): boolean {
  const docs = streamDocuments(text);
  if (!docs) return false;
  const values = docs.map((d) => readCoreDocument(d.text));
  if (values.some((v) => v === undefined)) return false;
  const full = parseAllDocuments(text);
  assert.equal(full.flatMap((d) => d.errors.map((e) => e.message)), [], `the fast reading accepted a text the full parser refuses: ${JSON.stringify(text)}`);
  assert.equal(values.map(exact), full.map((d) => exact(d.toJS())), JSON.stringify(text));
  return true;
}

const PIECES = [
  "yes", "No", "on", "y", "~", "null", "Null", "NULL", "true", "True", "TRUE", "tRue", "false", "0x1F", "0X1F", "0o17", "0o8", "017", "1e3", "1E+3", "-.5", "1.", ".5",
  "+1", "-0", "-0.0", "00", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "NaN", "1_000", "12345678901234567890", "1:20", "2001-12-14", "<<", "__proto__", "constructor",
  "toString", "=", "---", "...", "%YAML", "- ", "-", "? ", "?", ": ", ":", "#", " #", "|", ">", "&a", "*a", "!tag", "!!str", "@", "`", "'", '"', "''", "\\",
  "[", "]", "{", "}", "[]", "{}", ",", " ", "  ", "\t", "\t\t", "\n", "\n\t", " \n", "\r\n", "\u0000", "\u0085", "\u00a0", "\u2028", "\ufeff", "é", "😀", "0", "42", "3.14",
  "apps/v1", "ConfigMap", "meshc.io/apply-wave", "a", "key",
];
const hostileString = hostileStrings(PIECES);
const data = coreData(hostileString, 4);
const object = fc.dictionary(hostileString, data, { minKeys: 1, maxKeys: 5, noNullPrototype: true });
/** A stream as the kubernetes target writes one: documents joined by `---` lines. */
const stream = fc.array(object, { minLength: 1, maxLength: 3 }).map((docs) => docs.map((d) => stableYaml(d as YamlValue)).join("---\n"));

test("property: on meshc's writer's output (one document or a stream), the fast reading agrees with the full parser whenever it reads", () => {
  let read = 0;
  fc.assert(fc.property(stream, (text) => void (agrees(text) && read++)), { numRuns: 3000 });
  assert.ok(read > 400, `the fast reading read ${read} of 3000 streams`);
});

const EDITS = ["", " ", "\n", "\t", "  \t", "-", "- ", ":", ": ", "#", "'", '"', "[", "{", "&a ", "*a", "!x ", "? ", "|", "|-\n", "---\n", "---", "...\n", "%YAML 1.2\n", "\r", "a: b\n", "a:\n", "1", "True", "~", ".5", "0o"];

test("property: mutated streams (inserted, deleted or replaced characters, lines) — still agreeing or given up", () => {
  fc.assert(
    fc.property(edited(stream, EDITS), (text) => void agrees(text)),
    { numRuns: 3000 },
  );
});

test("hand-picked texts at the edges of the core schema and of the stream", () => {
  const cases = [
    "a: 1\n", "a: 0o17\nb: 0x1F\nc: 017\nd: 1e3\ne: .inf\nf: -.Inf\ng: .NaN\nh: -0\ni: 1.\nj: +5\nk: 1_000\n", "a: yes\nb: True\nc: ~\nd:\n  - null\n", "1: a\n0x1: b\n",
    "true: a\nTrue: b\n", "1: a\n'1': b\n", "~: a\n'': b\n", "__proto__: 1\nb: 2\n", "toString: 1\n", "a: |\n  x\n  \ty\n", "a: |\n  x\n\t\n", "a: |\n  x\n   \t\n",
    "a:\t1\n", "\ta: 1\n", "a: '\t'\n", "a: 1\n---\nb: 2\n", "---\na: 1\n", "a: 1\n---\n", "a: 1\n---\n---\nb: 2\n", "a: 1\n--- \nb: 2\n", "a: 1\n---\n...\n", "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n", "a: 1\n--- b\n", "- 1\n---\n- 2\n", "a: !!int 1\n", "<<: 1\n",
  ];
  for (const text of cases) agrees(text);
  for (const text of ["a: 1\n---\nb: 2\n", "---\na: 1\n", "a: |\n  x\n  \ty\n", "1: a\n0x1F: b\n", "a: 0o17\nb: 0x1F\nc: 017\nd: 1e3\ne: .inf\nf: -.Inf\ng: .NaN\nh: -0\n"]) assert.ok(agrees(text), `reads ${JSON.stringify(text)}`);
  assert.equal([coreScalar("0o17"), coreScalar("017"), coreScalar("0x1F"), coreScalar("yes"), coreScalar("True"), coreScalar("1e3"), coreScalar("")], [15, 17, 31, "yes", true, 1000, null]);
});

test("property: the shortcut for names gives what the core schema's tests give, for any text", () => {
  const words = ["", "~", "null", "Null", "NULL", "nUll", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "falsey", "nulls", "yes", "on", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "0x1F", "0o17", "017", "-12", "+3", "1e3", ".5", "5.", "1_000", "nan", "name", "tcp", "fault"];
  const near = fc.tuple(fc.constantFrom(...words), fc.string({ maxLength: 3 }), fc.boolean()).map(([w, extra, before]) => (before ? extra + w : w + extra));
  const text = fc.oneof(fc.constantFrom(...words), near, fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));
  fc.assert(
    fc.property(text, (t) => {
      assert.equal(coreScalar(t), coreRules(t), JSON.stringify(t));
    }),
    { numRuns: 20_000 },
  );
});

/**
 * The streams of Kubernetes objects meshc writes: each zone's object files, for the example and a generated mesh,
 * and the sidecar ConfigMaps as `meshc inject` appends them to a team's stream (the build generates them through
 * kustomize instead, issue 19). The files the ConfigMaps are made of (`kubernetes/<zone>/files/…`) are not objects.
 */
async function kubernetesFiles(withKustomizations = false): Promise<[string, string][]> {
  const example = await exampleModel();
  const { packaged, files } = packagedBuild(example);
  const own = ([p]: [string, string]) => p.split("/").length === 3 && p.endsWith(".yaml") && (withKustomizations || !p.endsWith("/kustomization.yaml"));
  const injected = example.services.map((s) => [`inject/${s.name}.yaml`, objectStream([envoyConfig(example, s, example.zones[0]!, packaged, "files").object, captureConfig(example, s, packaged).object])] as [string, string]);
  return [...[...files].filter(own), ...injected, ...[...packagedBuild(await generatedModel()).files].filter(own).map(([p, t]) => [`generated/${p}`, t] as [string, string])];
}

test("every Kubernetes file of the example and of a generated mesh is read by the fast reading, as the full parser reads it", async () => {
  const files = await kubernetesFiles(true);
  assert.ok(files.length > 100, `${files.length} files`);
  for (const [path, text] of files) assert.ok(agrees(text), `${path} is in the plain subset`);
});

/** Faults the API server (and so the validator) must refuse; each must apply to the text it is given. */
const FAULTS: readonly [string, (text: string) => string][] = [
  ["a port as a string", (t) => t.replace(/containerPort: (\d+)/, 'containerPort: "$1"')],
  // (of a Service, Deployment or ConfigMap: a Role's name may hold upper case)
  ["an upper-case name", (t) => t.replace(/(kind: (?:Service|Deployment|ConfigMap)\nmetadata:\n(?: {2,}.*\n)*? {2}name: )([a-z])/, "$1X$2")],
  ["a boolean YAML 1.2 does not know", (t) => t.replace("immutable: true", "immutable: yes")],
  ["replicas as a word", (t) => t.replace(/replicas: \d+/, "replicas: many")],
  ["a label key with a space", (t) => t.replace(/\n    app: /, "\n    my app: ")],
  ["a ConfigMap key with a space", (t) => t.replace(/\n  (\w+)\.(yaml|sh): \|/, "\n  $1 x.$2: |")],
  ["an unknown kind", (t) => t.replace("kind: Deployment", "kind: Deploymnt")],
  ["an empty document at the end", (t) => `${t}---\n`],
  ["a document that is a list", (t) => `${t}---\n- a\n`],
  ["a selector its pods do not match", (t) => t.replace(/(\n      labels:\n(?: {8}.*\n)*? {8}app: )/, "$1x")],
];

test("the fast path's findings equal the full parser's, on every file and on mutated files that must fail", async () => {
  const files = await kubernetesFiles();
  for (const [path, text] of files) assert.equal(await validateKubernetes(path, text), [], path);
  const clean = new Set<string>();
  for (const [name, fault] of FAULTS) {
    let applied = 0;
    // A few files per fault (the full parser is slow), from the example and from the generated mesh.
    for (const [path, text] of files.filter((_, i) => i % 37 === 0 || i < 30)) {
      const broken = fault(text);
      if (broken === text) continue;
      applied++;
      const full = await fullKubernetesFindings(path, broken);
      assert.ok(full.length > 0, `${name} in ${path} is found`);
      assert.equal(await validateKubernetes(path, broken, clean), full, `${name} in ${path}`);
    }
    assert.ok(applied > 0, `the fault '${name}' applies to some file`);
  }
});

test.run();
