// The validation cache across builds (compiler/validate/clean-cache.ts) only ever skips work that would have found
// nothing: a text with a finding is never recorded and is found again by every build; an entry is bound to the
// text's kind and to the validator version; a warm cache gives the same findings as no cache, on clean and on
// faulty documents; a build with the cache gives the same result as one without.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../compiler/build";
import { createHash } from "node:crypto";
import { cleanCacheKey, openCleanCache, readCleanKeys, validatorVersion } from "../../compiler/validate/clean-cache";
import { sharedEnvoyIssues, validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { validateIstioArtifacts } from "../../compiler/validate/istio";
import { validateKubernetesArtifacts } from "../../compiler/validate/kubernetes";
import { istioTarget } from "../../targets/istio";
import { exampleModel } from "../envoy/example-model";
import { packagedBuild } from "../kubernetes/packaged-build";

const scratch = mkdtempSync(join(tmpdir(), "meshc-cache-"));
const entry = resolve(__dirname, "../../examples/uaek/mesh.ts");

async function example() {
  const model = await exampleModel();
  const { files, packaged } = packagedBuild(model);
  return [...[...packaged, ...files].map(([path, content]) => ({ path, content })), ...istioTarget.build(model, { drills: [], istioApi: "v1" })];
}

/** Faults that make an Envoy or a Kubernetes document wrong. */
const FAULTS: readonly ((t: string) => string)[] = [
  (t) => t.replace(/port_value: \d+/, "port_value: 70000"),
  (t) => t.replace(/connect_timeout: \S+/, "connect_timeout: 250ms"),
  (t) => t.replace(/containerPort: (\d+)/, 'containerPort: "$1"'),
  (t) => t.replace("immutable: true", "immutable: yes"),
  (t) => t.replace("apiVersion: networking.istio.io/v1\n", "apiVersion: networking.istio.io/v9\n"),
];

test("a warm cache gives the same findings as none, on clean and on faulty documents; faulty texts are never recorded", async () => {
  const dir = join(scratch, "a");
  const clean = await example();
  assert.is(readCleanKeys(dir).size, 0, "a folder not made yet holds none");
  const first = openCleanCache(dir);
  assert.equal(validateEnvoyArtifacts(clean, sharedEnvoyIssues(first)), []);
  assert.equal(await validateKubernetesArtifacts(clean, first), []);
  assert.equal(validateIstioArtifacts(clean, first), []);
  assert.is(readCleanKeys(dir).size, 0, "none before it is saved");
  first.save();
  assert.ok(readCleanKeys(dir).size > 20, "entries once saved");
  const entries = readFileSync(join(dir, `validated-${validatorVersion()}.txt`), "utf8").trim().split("\n");
  assert.ok(entries.length > 20, `${entries.length} entries`);
  for (const fault of FAULTS) {
    const broken = clean.map((a) => ({ ...a, content: fault(a.content) }));
    assert.ok(broken.some((a, i) => a.content !== clean[i]!.content));
    const expected = [...validateEnvoyArtifacts(broken), ...(await validateKubernetesArtifacts(broken)), ...validateIstioArtifacts(broken)];
    assert.ok(expected.length > 0);
    for (let round = 0; round < 2; round++) {
      const warm = openCleanCache(dir);
      assert.equal([...validateEnvoyArtifacts(broken, sharedEnvoyIssues(warm)), ...(await validateKubernetesArtifacts(broken, warm)), ...validateIstioArtifacts(broken, warm)], expected);
      warm.save();
    }
  }
  // What the faults added are the clean documents and resources next to the broken ones, never a broken one.
  const after = openCleanCache(dir);
  for (const fault of FAULTS) {
    for (const a of clean) {
      const broken = fault(a.content);
      if (broken !== a.content && a.path.startsWith("envoy/") && /cds|lds|bootstrap/.test(a.path)) assert.not.ok(after.has(`envoy:${/(bootstrap|lds|cds)/.exec(a.path)![1] as "lds"}`, broken), a.path);
    }
  }
});

test("an entry holds for its kind only, and only under its validator version; other versions' files are removed", () => {
  const dir = join(scratch, "b");
  const cache = openCleanCache(dir);
  cache.add("envoy:cds", "resources: []\n");
  cache.save();
  const again = openCleanCache(dir);
  assert.ok(again.has("envoy:cds", "resources: []\n"));
  assert.not.ok(again.has("envoy:lds", "resources: []\n"));
  assert.not.ok(again.has("envoy:cds", "resources: [] \n"));
  // A file of another version, and garbage in this one, are not entries.
  writeFileSync(join(dir, "validated-0000.txt"), "x\n");
  const file = join(dir, `validated-${validatorVersion()}.txt`);
  writeFileSync(file, readFileSync(file, "utf8") + "not a digest\n");
  const third = openCleanCache(dir);
  assert.ok(third.has("envoy:cds", "resources: []\n"));
  third.add("kubernetes", "a: 1\n");
  third.save();
  assert.equal(readdirSync(dir), [`validated-${validatorVersion()}.txt`]);
});

test("a build with the cache, cold and warm, gives what a build without it gives", async () => {
  const dir = join(scratch, "c");
  const plain = await build({ entry, checker: "none" });
  for (let round = 0; round < 2; round++) {
    const cached = await build({ entry, checker: "none", validationCache: dir });
    assert.equal(cached.diagnostics, plain.diagnostics);
    assert.equal(cached.artifacts, plain.artifacts);
  }
  assert.equal(readdirSync(dir).length, 1);
});

test("each text is hashed once for has then add, and an add of another text after a miss records that text, not the missed one", () => {
  const dir = join(scratch, "once");
  const cache = openCleanCache(dir);
  // The pattern every validator follows: miss, validate, add the same text.
  assert.not.ok(cache.has("kubernetes", "a: 1\n"));
  cache.add("kubernetes", "a: 1\n");
  assert.ok(cache.has("kubernetes", "a: 1\n"));
  // A miss followed by an add of a different text, or of the same text under another kind.
  assert.not.ok(cache.has("kubernetes", "b: 2\n"));
  cache.add("kubernetes", "c: 3\n");
  assert.not.ok(cache.has("istio", "d: 4\n"));
  cache.add("kubernetes", "d: 4\n");
  cache.save();
  const reopened = openCleanCache(dir);
  assert.ok(reopened.has("kubernetes", "a: 1\n"));
  assert.ok(reopened.has("kubernetes", "c: 3\n"));
  assert.ok(reopened.has("kubernetes", "d: 4\n"));
  assert.not.ok(reopened.has("kubernetes", "b: 2\n"), "the missed text was never added");
  assert.not.ok(reopened.has("istio", "d: 4\n"), "added under another kind");
  // The file holds exactly what a cache that hashed every call would hold: three entries.
  const file = readdirSync(dir).find((f) => f.startsWith("validated-"))!;
  assert.equal(readFileSync(join(dir, file), "utf8").trim().split("\n").length, 3);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test("an entry's key is the SHA-256 of the version, the kind and the text's UTF-8 bytes, for ASCII and other texts alike", () => {
  for (const text of ["a: 1\n", "a: caf\u00e9\n", "a: \u00ff\n", "a: 😀\n", ""]) {
    const utf8 = createHash("sha256").update(`${validatorVersion()}\0kubernetes\0`).update(Buffer.from(text, "utf8")).digest("hex");
    assert.is(cleanCacheKey("kubernetes", text), utf8, JSON.stringify(text));
  }
});

test.run();
