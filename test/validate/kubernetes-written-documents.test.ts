// Kubernetes documents decided from the values they were written from (compiler/validate/kubernetes/
// written-documents.ts) instead of read back from their text. The value stands for its text only if reading the
// text gives the value: on arbitrary data that passes `readsBackAsItself`, stable-yaml's text reads back (the full
// parser, and the fast reading whenever it reads) as that data, keys aside; data it refuses holds what the text
// would not give back. On every object file the kubernetes target hands with its documents (the example and a
// generated mesh), the documents are the file's and each verdict is the text's; and a build whose written values
// hold faults finds exactly what the text path finds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import type { MeshModel } from "../../compiler/model";
import { HelperThread, ValidationStart, validateOnBothCores } from "../../compiler/validate/both-cores";
import { NO_CACHE } from "../../compiler/validate/clean-cache";
import { documentIsClean, loadAllSchemas, validateKubernetesArtifacts } from "../../compiler/validate/kubernetes";
import { jsonBytesAtMost } from "../../compiler/validate/kubernetes/object-findings";
import { readsBackAsItself, writtenDocumentIsClean, writtenDocumentsOf } from "../../compiler/validate/kubernetes/written-documents";
import { readCoreDocument } from "../../compiler/validate/yaml-core-values";
import { captureTarget } from "../../targets/capture";
import { envoyTarget } from "../../targets/envoy";
import { kubernetesTarget } from "../../targets/kubernetes";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import type { Artifact, TargetOptions } from "../../targets/target";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "../istio/generated-model";
import { coreData, hostileStrings } from "./core-yaml-data";

/** Data as text that tells apart what deep equality might not (-0, NaN, strings that look like numbers); keys sorted. */
function exact(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    if (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v))) return `#number:${String(v)}`;
    if (typeof v === "string") return `#string:${v}`;
    return v;
  };
  return JSON.stringify(sorted(value));
}

const PIECES = ["yes", "on", "~", "null", "true", "0x1F", "0o17", "017", "1e3", ".inf", ".nan", "-0", "1_000", "1:20", "2001-12-14", "<<", "__proto__", "---", "- ", ": ", " #", "|", ">", "&a", "*a", "!tag", "'", '"', "\n", "\t", "\r\n", "\u0000", "\u0085", "\u2028", "\ufeff", "é", "😀", "42", "3.14", "apps/v1"];
const hostileString = hostileStrings(PIECES);
const data = coreData(hostileString, 4);
const document = fc.dictionary(hostileString, data, { minKeys: 1, maxKeys: 5, noNullPrototype: true });

test("property: data readsBackAsItself accepts reads back from stable-yaml's text as itself, through the full parser and the fast reading", () => {
  let accepted = 0;
  fc.assert(
    fc.property(document, (value) => {
      if (!readsBackAsItself(value)) return;
      accepted++;
      const text = stableYaml(value as YamlValue);
      const [full, ...more] = parseAllDocuments(text);
      assert.equal(more.length, 0);
      assert.equal(full!.errors.map((e) => e.message), []);
      assert.is(exact(full!.toJS()), exact(value), JSON.stringify(text));
      const fast = readCoreDocument(text);
      if (fast !== undefined) assert.is(exact(fast), exact(value), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
  assert.ok(accepted > 1500, `${accepted} of 3000 accepted`);
});

test("property: a value's UTF-8 JSON is within jsonBytesAtMost of its stable-yaml text's length", () => {
  const controls = fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "\u001f", "\t", "\n", '"', "\\", "\ud800", "\udfff", "😀", "\u2028", "é", " "), maxLength: 40 });
  const strings = fc.oneof(hostileString, controls);
  const values = fc.oneof(document, fc.dictionary(strings, coreData(strings, 5), { minKeys: 1, maxKeys: 6, noNullPrototype: true }));
  let tightest = 0;
  fc.assert(
    fc.property(values, (value) => {
      const text = stableYaml(value as YamlValue);
      const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
      assert.ok(bytes <= jsonBytesAtMost(text.length), `${bytes} bytes of JSON for ${text.length} units of YAML: ${JSON.stringify(text)}`);
      tightest = Math.max(tightest, bytes / jsonBytesAtMost(text.length));
    }),
    { numRuns: 3000 },
  );
  assert.ok(tightest > 0.1, `the bound is met with room: at most ${tightest.toFixed(2)} of it used`);
});

test("what a text would not give back is refused: undefined, bigints, -0, NaN, infinities, holes, class instances, __proto__ keys", () => {
  const refused: unknown[] = [
    { a: undefined },
    { a: [1, undefined] },
    { a: 1n },
    { a: -0 },
    { a: Number.NaN },
    { a: Number.POSITIVE_INFINITY },
    { a: [1, , 3] }, // eslint-disable-line no-sparse-arrays
    { a: new Date(0) },
    { a: new Map() },
    JSON.parse('{"__proto__": {"a": 1}}'),
    { a: () => 1 },
    { a: Symbol("s") },
  ];
  refused.forEach((value, i) => assert.not.ok(readsBackAsItself(value), `case ${i}`));
  assert.ok(readsBackAsItself({ a: [1, "x", null, true, { b: 2.5 }], c: Object.create(null) }));
});

/** The kubernetes target's pieces, as the build hands them to the validation: with their documents. */
function kubernetesPieces(model: MeshModel): (readonly Artifact[])[] {
  const options: TargetOptions = { drills: [] };
  const packaged = new Map([...captureTarget.build(model, options), ...envoyTarget.build(model, options)].map((a) => [a.path, a.content] as const));
  return [...kubernetesTarget.pieces!(model, options, packaged)];
}

for (const [name, model] of [["the example", exampleModel], ["a generated 120-service mesh", () => generatedModel(120, 5)]] as const) {
  test(`${name}: every object file handed with its documents holds exactly them, and each value's verdict is its text's`, async () => {
    await loadAllSchemas();
    const pieces = kubernetesPieces(await model());
    let files = 0;
    let documents = 0;
    for (const a of pieces.flat()) {
      if (!a.documents) continue;
      files++;
      const paired = writtenDocumentsOf(a.content, a.documents);
      assert.ok(paired, `${a.path}: its documents are its text's`);
      for (const { text, value } of paired!) {
        documents++;
        assert.is(exact(readCoreDocument(text)), exact(value), `${a.path}: the text reads back as the value`);
        assert.ok(readsBackAsItself(value), a.path);
        assert.is(writtenDocumentIsClean(value, text), await documentIsClean(text), a.path);
      }
    }
    assert.ok(files > 10 && documents > 5 * files, `${files} files, ${documents} documents`);
    // What the build keeps and returns carries no values (joinPieces leaves them out).
    assert.ok(kubernetesTarget.build(await model(), { drills: [] }, new Map([...captureTarget.build(await model(), { drills: [] }), ...envoyTarget.build(await model(), { drills: [] })].map((a) => [a.path, a.content]))).every((a) => a.documents === undefined));
  });
}

test("documents that are not the file's are not taken for it", async () => {
  const pieces = kubernetesPieces(await exampleModel());
  const a = pieces.flat().find((f) => f.documents && f.documents.length > 1)!;
  assert.ok(writtenDocumentsOf(a.content, a.documents!));
  assert.is(writtenDocumentsOf(a.content, a.documents!.slice(1)), null, "one document short");
  assert.is(writtenDocumentsOf(a.content, [...a.documents!].reverse()), null, "in another order");
  assert.is(writtenDocumentsOf(a.content.replace("replicas:", "replicaz:"), a.documents!), null, "another text");
});

test("faults in the written values: the validation finds exactly what reading the texts finds", async () => {
  const model = await generatedModel(120, 5);
  const pieces = kubernetesPieces(model);
  // Faults planted in the values and written again, so text and values agree, as the target makes them.
  const FAULTS: ((o: Record<string, any>) => void)[] = [
    (o) => o.kind === "Deployment" && (o.spec.replicas = "two"),
    (o) => o.kind === "Service" && (o.metadata.name = "Not_A_Name"),
    (o) => o.kind === "Deployment" && (o.spec.template.spec.containers[0].ports[0].containerPort = 70000),
    (o) => o.kind === "ServiceAccount" && (o.metadata.labels = { "bad label": "x" }),
  ];
  let planted = 0;
  const faulty = pieces.map((piece) =>
    piece.map((a, i) => {
      if (!a.documents || i % 3 !== 0) return a;
      const fault = FAULTS[planted++ % FAULTS.length]!;
      const documents = a.documents.map((d) => {
        const value = structuredClone(d.value) as Record<string, any>;
        fault(value);
        return { text: stableYaml(value as YamlValue), value };
      });
      return { path: a.path, content: documents.map((d) => d.text).join("---\n"), documents };
    }),
  );
  const artifacts = faulty.flat().map((a) => ({ path: a.path, content: a.content }));
  const expected = await validateKubernetesArtifacts(artifacts);
  assert.ok(expected.length >= planted, `${expected.length} findings for ${planted} planted faults`);
  const start = new ValidationStart(new HelperThread(), NO_CACHE, { chunkBytes: 16 * 1024 });
  for (const piece of faulty) start.built(piece);
  assert.ok(start.writtenClean.size > 100, `${start.writtenClean.size} files and documents decided from their values`);
  const both = await validateOnBothCores([], artifacts, NO_CACHE, { start, minBytes: 0, chunkBytes: 16 * 1024 });
  assert.equal(both.kubernetes, expected);
});

test.run();
