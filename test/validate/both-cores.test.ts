// Validation on both cores (compiler/validate/both-cores.ts) must give exactly the diagnostics of the one-thread
// path, in the same order, on a real build's documents with faults planted in some of them: Envoy findings computed
// by the helper thread travel back with their codes, paths, rules, messages and offsets, a Kubernetes document it
// calls clean is one the walk would find clean, and an Istio file's findings are the walk's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/build";
import { checkOnBothCores, Chunks, HelperThread, helperWorthStarting, PieceUnits, unitsToCheck, ValidationStart, validateOnBothCores } from "../../compiler/validate/both-cores";
import { ResourceSplits } from "../../compiler/validate/envoy/resource-items";
import { cleanCacheKey, NO_CACHE, openCleanCache } from "../../compiler/validate/clean-cache";
import { streamDocuments } from "../../compiler/validate/yaml-core-values";
import { sharedEnvoyIssues, validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { istioFileFindings, validateIstioArtifacts } from "../../compiler/validate/istio";
import { documentIsClean, validateKubernetes, validateKubernetesArtifacts } from "../../compiler/validate/kubernetes";
import type { Unit } from "../../compiler/validate/validation-unit";

const dir = mkdtempSync(join(tmpdir(), "meshc-parallel-validate-"));
const mesh = generateMesh({ services: 40, teams: 4, seed: 11 });
writeMesh(dir, mesh.files);

/** Faults of different kinds, each in a different file of the build. */
const ENVOY_FAULTS: readonly [RegExp, string][] = [
  [/port_value: \d+/, "port_value: 70000"],
  [/\n    name: /, "\n    nmae: "],
  [/connect_timeout: \S+/, "connect_timeout: -1s"],
  [/"@type": type.googleapis.com\/envoy.config.cluster.v3.Cluster/, '"@type": type.googleapis.com/envoy.config.listener.v3.Listener'],
];
const KUBERNETES_FAULTS: readonly [RegExp, string][] = [
  [/replicas: \d+/, "replicas: two"],
  [/\n  name: [a-z0-9-]+\n/, "\n  name: Not_A_Name\n"],
  [/containerPort: \d+/, "containerPort: eighty"],
  [/\nkind: Service\n/, "\nkind: Servize\n"],
];
const ISTIO_FAULTS: readonly [RegExp, string][] = [
  [/weight: \d+/, "weight: heavy"],
  [/\n  name: [a-z0-9-]+\n/, "\n  name: Not_A_Name\n"],
  [/\nspec:\n/, "\nspec:\n  nonsense: true\n"],
];

/** A build's artifacts with faults planted in some Envoy, Kubernetes object and Istio files, and how many of each. */
async function faultyBuild(): Promise<{ artifacts: { path: string; content: string }[]; envoy: number; kubernetes: number; istio: number }> {
  const result = await build({ entry: join(dir, mesh.entry), checker: "none", validate: false });
  const out = { artifacts: result.artifacts!.map((a) => ({ ...a })), envoy: 0, kubernetes: 0, istio: 0 };
  let xds = 0;
  let objects = 0;
  let istio = 0;
  for (const [i, a] of out.artifacts.entries()) {
    // The Envoy target's files (kubernetes/<zone>/files/ holds copies of them for the ConfigMaps, not validated again).
    let fault: readonly [RegExp, string] | undefined;
    if (/^envoy\/.*\/(cds|lds)\.yaml$/.test(a.path) && xds++ % 5 === 0) fault = ENVOY_FAULTS[xds % ENVOY_FAULTS.length];
    else if (/^kubernetes\/[^/]+\/[^/]+\.yaml$/.test(a.path) && !a.path.endsWith("/kustomization.yaml") && objects++ % 7 === 0) fault = KUBERNETES_FAULTS[objects % KUBERNETES_FAULTS.length];
    else if (/^istio\/.*\.yaml$/.test(a.path) && istio++ % 4 === 0) fault = ISTIO_FAULTS[istio % ISTIO_FAULTS.length];
    if (!fault) continue;
    const faulty = a.content.replace(fault[0], fault[1]);
    if (faulty === a.content) continue;
    out.artifacts[i] = { path: a.path, content: faulty };
    if (a.path.startsWith("envoy/")) out.envoy++;
    else if (a.path.startsWith("istio/")) out.istio++;
    else out.kubernetes++;
  }
  return out;
}

test("the same diagnostics, in the same order, as one thread, with faults planted", async () => {
  const { artifacts, envoy, kubernetes, istio } = await faultyBuild();
  assert.ok(envoy >= 8 && kubernetes >= 4 && istio >= 4, `${envoy} Envoy, ${kubernetes} Kubernetes and ${istio} Istio faults planted`);
  const expected = { envoy: validateEnvoyArtifacts(artifacts, sharedEnvoyIssues()), kubernetes: await validateKubernetesArtifacts(artifacts), istio: validateIstioArtifacts(artifacts) };
  // Not every planted Kubernetes or Istio fault is one (a `name:` may be a reference no rule reads), so only some are counted.
  assert.ok(expected.envoy.length >= envoy && expected.kubernetes.length >= 4 && expected.istio.length >= 3, `the planted faults are found: ${expected.envoy.length}/${envoy}, ${expected.kubernetes.length}/${kubernetes}, ${expected.istio.length}/${istio}`);
  const both = await validateOnBothCores(artifacts, artifacts, NO_CACHE, { minBytes: 0, chunkBytes: 16 * 1024, waitForHelper: true });
  assert.equal(both, expected);
});

test("the helper thread's answers equal this thread's, unit by unit", async () => {
  const { artifacts } = await faultyBuild();
  const units = unitsToCheck(artifacts, artifacts, NO_CACHE);
  const isEnvoy = (kind: Unit[0]) => kind !== "kubernetes" && kind !== "istio";
  const broken = units.map(([kind, text], i) => [kind, i % 5 === 0 && isEnvoy(kind) ? text.replace(/port_value: \d+/, "port_value: 99999") : text] as Unit);
  assert.ok(["kubernetes", "istio"].every((k) => broken.some(([kind]) => kind === k)) && broken.some(([kind]) => isEnvoy(kind)), "units of every kind");
  const found = await checkOnBothCores(broken, { chunkBytes: 16 * 1024, waitForHelper: true });
  assert.ok(found.helperChunks > 0, "the helper thread checked some of them");
  const single = sharedEnvoyIssues();
  let unclean = 0;
  let istioFindings = 0;
  for (const unit of broken) {
    const text = unit[1];
    if (unit[0] === "kubernetes") {
      const clean = await documentIsClean(text);
      assert.is(found.clean.has(text), clean, text.slice(0, 200));
      if (!clean) unclean++;
    } else if (unit[0] === "istio") {
      assert.equal(found.istio.get(text), istioFileFindings(text));
      istioFindings += found.istio.get(text)!.length;
    } else assert.equal(found.envoy.get(unit[0], text), single(unit[0], text));
  }
  assert.ok(unclean > 0 && istioFindings > 0, "some Kubernetes documents are not clean and some Istio files have findings");
  assert.ok(broken.some((unit) => unit[0] !== "kubernetes" && unit[0] !== "istio" && found.envoy.get(unit[0], unit[1])!.length > 0), "some Envoy units have findings");
});

test("a helper started early takes work; one that is gone gives it all to this thread, with the same answers", async () => {
  const { artifacts } = await faultyBuild();
  const units = unitsToCheck(artifacts, artifacts, NO_CACHE);
  const alone = await checkOnBothCores(units, { chunkBytes: 16 * 1024, helper: await goneHelper() });
  assert.is(alone.helperChunks, 0);
  const early = new HelperThread();
  assert.ok(await early.ready, "the helper got ready");
  const both = await checkOnBothCores(units, { chunkBytes: 16 * 1024, helper: early });
  assert.ok(both.helperChunks > 0, "the early helper checked some of them");
  assert.equal([...both.clean].sort(), [...alone.clean].sort());
  assert.equal(new Map([...both.istio].sort()), new Map([...alone.istio].sort()));
  for (const unit of units) if (unit[0] !== "kubernetes" && unit[0] !== "istio") assert.equal(both.envoy.get(unit[0], unit[1]), alone.envoy.get(unit[0], unit[1]));
});

test("what collecting the units throws is thrown by the validation, whichever thread asked for that chunk", async () => {
  const { artifacts } = await faultyBuild();
  const units = unitsToCheck(artifacts, artifacts, NO_CACHE);
  // One unit a chunk: this thread takes the first, and while it checks it the ready helper is handed the next
  // two, the second of which throws. One chunk of everything: this thread takes it and meets the throw itself.
  for (const [asker, chunkBytes] of [["the helper", 1], ["this thread", 1e12]] as const) {
    function* failing(): Generator<Unit> {
      yield units[0]!;
      yield units[1]!;
      throw new Error(`collecting failed, asked by ${asker}`);
    }
    const early = new HelperThread();
    assert.ok(await early.ready);
    await checkOnBothCores(failing(), { chunkBytes, helper: early }).then(
      () => assert.unreachable("it should have thrown"),
      (error) => assert.match(String(error), "collecting failed"),
    );
  }
});

/** The artifacts in pieces as the targets make them: a service's folder at a time, then each file of the others. */
function piecesOf(artifacts: readonly { path: string; content: string }[]): { path: string; content: string }[][] {
  const pieces: { path: string; content: string }[][] = [];
  let folder = "";
  for (const a of artifacts) {
    const own = a.path.startsWith("envoy/") ? a.path.split("/").slice(0, 2).join("/") : a.path;
    if (own !== folder || !pieces.length) pieces.push([]);
    folder = own;
    pieces[pieces.length - 1]!.push(a);
  }
  return pieces;
}

test("begun during the targets (their pieces supplied as made, all, some or none, to a helper that may fail): the same diagnostics", async () => {
  const { artifacts } = await faultyBuild();
  const expected = { envoy: validateEnvoyArtifacts(artifacts, sharedEnvoyIssues()), kubernetes: await validateKubernetesArtifacts(artifacts), istio: validateIstioArtifacts(artifacts) };
  const pieces = piecesOf(artifacts);
  assert.ok(pieces.length > 100, `${pieces.length} pieces`);
  for (const [leadBytes, fails] of [[1e9, false], [100 * 1024, false], [0, false], [100 * 1024, true]] as const) {
    const helper = new HelperThread();
    const start = new ValidationStart(helper, NO_CACHE, { leadBytes, chunkBytes: 16 * 1024 });
    const half = pieces.length >> 1;
    for (const piece of pieces.slice(0, half)) start.built(piece);
    if (fails) {
      assert.ok(await helper.ready);
      await helper.worker.terminate();
    } else await new Promise((resolve) => setTimeout(resolve, 300)); // some answers come back while the targets build
    for (const piece of pieces.slice(half)) start.built(piece);
    for (const piece of pieces.slice(0, 10)) start.built(piece); // seen before: nothing more to check
    const both = await validateOnBothCores(artifacts, artifacts, NO_CACHE, { start, minBytes: 0, chunkBytes: 16 * 1024 });
    assert.equal(both, expected, `lead ${leadBytes}${fails ? ", helper gone" : ""}`);
  }
});

test("units supplied ahead are answered by the helper while this thread is busy, and their answers are the validation's", async () => {
  const { artifacts } = await faultyBuild();
  const units = unitsToCheck(artifacts, artifacts, NO_CACHE);
  const helper = new HelperThread();
  assert.ok(await helper.ready);
  const feed = new PieceUnits(NO_CACHE, new ResourceSplits());
  feed.add(artifacts.filter((a) => a.path.startsWith("envoy/")), "envoy");
  const fed = new Chunks(() => feed.next(), 4 * 1024);
  helper.supply(fed, 64 * 1024);
  // This thread stays busy (no event loop turn): the answers are read from their port between pieces all the same.
  const until = Date.now() + 400;
  while (Date.now() < until) helper.supply(fed, 64 * 1024);
  const { chunks, answered } = helper.supplied();
  assert.ok(answered >= 2, `answered while this thread was busy: ${answered}`);
  // The first supply sends at most 64 KiB / 4 KiB = 16 chunks: more means it was topped up as answers came.
  assert.ok(chunks > 16, `more was supplied as answers came back (${chunks} chunks sent, ${answered} answered)`);
  const envoyUnits = units.filter((u) => u[0] !== "kubernetes" && u[0] !== "istio");
  const found = await checkOnBothCores(fed.rest(), { helper, chunkBytes: 16 * 1024 });
  const single = sharedEnvoyIssues();
  for (const [kind, text] of envoyUnits) {
    const answer = found.envoy.get(kind as never, text);
    assert.ok(answer, "answered");
    assert.equal(answer, single(kind as never, text));
  }
});

test("whole files as units (the pieces' way): the helper's answer for each file is this thread's for it", async () => {
  const { artifacts } = await faultyBuild();
  const feed = new PieceUnits(NO_CACHE, new ResourceSplits(), true);
  feed.add(artifacts, "all");
  const files: Unit[] = [];
  for (let unit = feed.next(); unit; unit = feed.next()) files.push(unit);
  const texts = new Set(artifacts.map((a) => a.content));
  assert.ok(files.length > 100 && files.every(([, text]) => texts.has(text)), `${files.length} units, each a whole file`);
  const found = await checkOnBothCores(files, { chunkBytes: 16 * 1024, waitForHelper: true });
  assert.ok(found.helperChunks > 0, "the helper thread checked some of them");
  const single = sharedEnvoyIssues();
  let unclean = 0;
  let findings = 0;
  for (const [kind, text] of files) {
    if (kind === "kubernetes") {
      const clean = (await validateKubernetes("f", text)).length === 0;
      // A stream the fast reading does not find clean is read again by the walk, which decides.
      if (found.clean.has(text)) assert.ok(clean, text.slice(0, 200));
      else unclean++;
    } else if (kind === "istio") assert.equal(found.istio.get(text), istioFileFindings(text));
    else {
      assert.equal(found.envoy.get(kind, text), single(kind, text));
      findings += single(kind, text).length;
    }
  }
  assert.ok(unclean > 0 && findings > 0, "some Kubernetes files are not clean and some Envoy files have findings");
});

test("what the threads find clean reaches the build's cache, the same entries as one thread's walk makes", async () => {
  const { artifacts } = await faultyBuild();
  const entries = async (both: boolean): Promise<string[]> => {
    const folder = mkdtempSync(join(tmpdir(), "meshc-both-cache-"));
    try {
      const cache = openCleanCache(folder);
      const start = both ? new ValidationStart(new HelperThread(), cache, { chunkBytes: 16 * 1024 }) : undefined;
      for (const piece of both ? piecesOf(artifacts) : []) start!.built(piece);
      await validateOnBothCores(artifacts, artifacts, cache, { start, minBytes: both ? 0 : Infinity, chunkBytes: 16 * 1024 });
      cache.save();
      return readdirSync(folder).flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n").filter(Boolean)).sort();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  const alone = await entries(false);
  assert.ok(alone.length > 500, `${alone.length} entries`);
  assert.equal(await entries(true), alone);
});

test("a rebuild: the helper reads the build's cache and takes what it holds as clean, with the same diagnostics and entries", async () => {
  const { artifacts } = await faultyBuild();
  const expected = { envoy: validateEnvoyArtifacts(artifacts, sharedEnvoyIssues()), kubernetes: await validateKubernetesArtifacts(artifacts), istio: validateIstioArtifacts(artifacts) };
  const folder = mkdtempSync(join(tmpdir(), "meshc-both-rebuild-"));
  const entries = () => readdirSync(folder).flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n").filter(Boolean)).sort();
  try {
    let helper: HelperThread | undefined;
    const run = async () => {
      const cache = openCleanCache(folder);
      helper = new HelperThread(folder);
      const start = new ValidationStart(helper, cache, { chunkBytes: 16 * 1024 });
      for (const piece of piecesOf(artifacts)) start.built(piece);
      const found = await validateOnBothCores(artifacts, artifacts, cache, { start, minBytes: 0, chunkBytes: 16 * 1024 });
      cache.save();
      return found;
    };
    assert.equal(await run(), expected, "a first build");
    assert.is(helper!.cacheHits, 0, "an empty cache");
    const first = entries();
    assert.ok(first.length > 500, `${first.length} entries`);
    assert.equal(await run(), expected, "the rebuild");
    assert.ok(helper!.cacheHits > 100, `the helper took ${helper!.cacheHits} texts from the cache`);
    assert.equal(entries(), first);
    // The helper takes the cache's word: entries for the documents of a file with findings (a cache cannot hold
    // them; planted here) make the rebuild find nothing there, and everything else the same.
    const faulty = expected.kubernetes[0]!.span!.file;
    const planted = streamDocuments(artifacts.find((a) => a.path === faulty)!.content)!.map((d) => cleanCacheKey("kubernetes", d.text));
    const file = join(folder, readdirSync(folder)[0]!);
    writeFileSync(file, readFileSync(file, "utf8") + planted.join("\n") + "\n");
    const trusted = await run();
    assert.equal(trusted.kubernetes, expected.kubernetes.filter((d) => d.span?.file !== faulty));
    assert.equal([trusted.envoy, trusted.istio], [expected.envoy, expected.istio]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a helper is started early only for a big mesh", () => {
  assert.ok(helperWorthStarting(1000));
  assert.ok(!helperWorthStarting(10), "a small mesh");
});

/** A helper whose thread has exited before it was used. */
async function goneHelper(): Promise<HelperThread> {
  const helper = new HelperThread();
  await helper.ready;
  await helper.worker.terminate();
  assert.ok(helper.gone);
  return helper;
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
