// A kustomization read entry by entry (compiler/validate/kubernetes/kustomization-text.ts) against the full
// parser, differentially: whenever it returns a value, the full parser finds no error in the text and its
// `doc.toJS()` is exactly that value (keys in order, typed scalars, -0 and NaN); it reads every text the whole-text
// reader reads (else the speed is lost silently); and an entry read before is not read again. Checked on every
// kustomization meshc writes (example and generated mesh), on arbitrary generator entries written by meshc's
// writer, and on those texts mutated character by character, most of all at the entries' edges.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { cutEntries, readKustomizationText } from "../../compiler/validate/kubernetes/kustomization-text";
import { readCoreDocument } from "../../compiler/validate/yaml-core-values";
import { stableYaml, type YamlValue } from "../../targets/stable-yaml";
import { exampleModel } from "../envoy/example-model";
import { generatedModel } from "../istio/generated-model";
import { packagedBuild } from "../kubernetes/packaged-build";
import { coreData, hostileStrings } from "./core-yaml-data";

function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v))) return `#number:${Object.is(v, -0) ? "-0" : String(v)}`;
    if (typeof v === "string") return `#string:${v}`;
    return v;
  }) ?? "undefined";
}

/** The property: read by entries, the value is the full parser's; whatever the whole-text reader reads, it reads. Returns whether entries were cut. */
function agrees(text: string): boolean {
  const value = readKustomizationText(text);
  const whole = readCoreDocument(text);
  if (whole !== undefined) assert.ok(value !== undefined, `the whole-text reader read it, the entry reader did not: ${JSON.stringify(text)}`);
  if (value === undefined) return false;
  const doc = parseDocument(text);
  assert.equal(doc.errors.map((e) => e.message), [], `read a text the full parser refuses: ${JSON.stringify(text)}`);
  assert.equal(exact(value), exact(doc.toJS()), JSON.stringify(text));
  return cutEntries(text) !== undefined;
}

async function kustomizations(): Promise<string[]> {
  const texts = (files: ReadonlyMap<string, string>) => [...files].filter(([path]) => path.endsWith("/kustomization.yaml")).map(([, text]) => text);
  return [...texts(packagedBuild(await exampleModel()).files), ...texts(packagedBuild(await generatedModel()).files), ...texts(packagedBuild(await exampleModel(), [], { delivery: "xds", xdsServer: { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" } }).files)];
}

test("every kustomization meshc writes is read entry by entry, as the full parser reads it", async () => {
  const all = await kustomizations();
  assert.ok(all.length >= 6, `${all.length} kustomizations`);
  for (const text of all) {
    const cut = cutEntries(text);
    assert.ok(cut && cut.entries.length > 10, "not cut into its entries");
    assert.ok(agrees(text));
  }
});

test("an entry read before is the same value, not read again; a changed entry is read afresh", async () => {
  const [text] = await kustomizations();
  const first = readKustomizationText(text!) as { configMapGenerator: { name: string }[] };
  const last = first.configMapGenerator.length - 1;
  const name = first.configMapGenerator[last]!.name;
  assert.is(text!.split(`name: ${name}\n`).length, 2, "the last entry's name is its own");
  const edited = text!.replace(`name: ${name}\n`, `name: ${name}x\n`);
  const second = readKustomizationText(edited) as { configMapGenerator: { name: string }[] };
  assert.is(second.configMapGenerator[0], first.configMapGenerator[0]);
  assert.is.not(second.configMapGenerator[last], first.configMapGenerator[last]);
  assert.is(second.configMapGenerator[last]!.name, `${name}x`);
  assert.equal(exact(second), exact(parseDocument(edited).toJS()));
});

const PIECES = ["yes", "~", "null", "true", "0x1F", "0o17", "1e3", "-.5", ".inf", "-0", "<<", "__proto__", "=", "---", "...", "- ", "-", "? ", ": ", ":", "#", " #", "|", ">", "&a", "*a", "!tag", "'", '"', "[", "]", "{", "}", ",", " ", "  ", "\t", "\n", " \n", "\r\n", "\u0000", "\u0085", "\u2028", "\ufeff", "é", "configMapGenerator", "configMapGenerator:\n", "files", "a=b"];
const hostileString = hostileStrings(PIECES);
const data = coreData(hostileString, 3);
const entry = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name: hostileString, namespace: hostileString, files: fc.array(hostileString, { maxLength: 3 }), options: fc.dictionary(hostileString, data, { maxKeys: 3, noNullPrototype: true }) }) },
  { weight: 1, arbitrary: data },
);
/** A kustomization as meshc writes one, its entries arbitrary, sometimes with other top-level keys around. */
const kustomization = fc
  .tuple(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.dictionary(hostileString, data, { maxKeys: 2, noNullPrototype: true }))
  .map(([entries, extra]) => stableYaml({ ...extra, apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["a.yaml"], configMapGenerator: entries } as YamlValue));

test("property: arbitrary entries written by meshc's writer are read as the full parser reads them", () => {
  let cut = 0;
  fc.assert(fc.property(kustomization, (text) => void (agrees(text) && cut++)), { numRuns: 2000 });
  assert.ok(cut > 150, `cut ${cut} of 2000 kustomizations into entries`);
});

const EDITS = ["", " ", "  ", "    ", "\n", "\n\n", "\t", "-", "- ", "  - ", "    - ", ":", ": ", "#", "'", '"', "[", "{", "&a ", "*a", "!x ", "? ", "|", "|-\n", "---\n", "...\n", "\r", "a: b\n", "configMapGenerator:\n", "configMapGenerator: []\n", "  -\n", "~"];

test("property: mutated kustomizations (characters and lines inserted, deleted, replaced; at entry edges too) — still agreeing or read whole", async () => {
  const real = (await kustomizations()).slice(0, 2).map((t) => t.slice(0, 6000).replace(/\n[^\n]*$/, "\n"));
  const base = fc.oneof(kustomization, fc.constantFrom(...real));
  fc.assert(
    fc.property(base, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...EDITS), fc.boolean()), { minLength: 1, maxLength: 3 }), (text, edits) => {
      for (const [at, len, insert, atEdge] of edits) {
        // At an entry's edge: just after a line break, where the cutting decides.
        const edges = [...text.matchAll(/\n/g)].map((m) => m.index + 1);
        const i = atEdge && edges.length ? edges[at % edges.length]! : at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + len);
      }
      agrees(text);
    }),
    { numRuns: 3000 },
  );
});

test.run();
