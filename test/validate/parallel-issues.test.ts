// Envoy validation on both cores (compiler/validate/envoy/parallel-issues.ts) must give exactly the diagnostics
// of the one-thread path, in the same order, on a real build's documents with faults planted in some of them:
// findings computed by the helper thread travel back with their codes, paths, rules, messages and offsets.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/build";
import { NO_CACHE } from "../../compiler/validate/clean-cache";
import { sharedEnvoyIssues, validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { checkOnBothCores, uncheckedUnits, validateEnvoyOnBothCores } from "../../compiler/validate/envoy/parallel-issues";

const dir = mkdtempSync(join(tmpdir(), "meshc-parallel-validate-"));
const mesh = generateMesh({ services: 40, teams: 4, seed: 11 });
writeMesh(dir, mesh.files);

/** Faults of different kinds, each in a different file of the build. */
const FAULTS: readonly [RegExp, string][] = [
  [/port_value: \d+/, "port_value: 70000"],
  [/\n    name: /, "\n    nmae: "],
  [/connect_timeout: \S+/, "connect_timeout: -1s"],
  [/"@type": type.googleapis.com\/envoy.config.cluster.v3.Cluster/, '"@type": type.googleapis.com/envoy.config.listener.v3.Listener'],
];

test("the same diagnostics, in the same order, as one thread, with faults planted", async () => {
  const result = await build({ entry: join(dir, mesh.entry), checker: "none", validate: false });
  const artifacts = result.artifacts!.map((a) => ({ ...a }));
  let planted = 0;
  let xds = 0;
  for (const [i, a] of artifacts.entries()) {
    // The Envoy target's files (kubernetes/<zone>/files/ holds copies of them for the ConfigMaps, not validated again).
    if (!/^envoy\/.*\/(cds|lds)\.yaml$/.test(a.path) || xds++ % 5 !== 0) continue;
    const [from, to] = FAULTS[xds % FAULTS.length]!;
    const faulty = a.content.replace(from, to);
    if (faulty === a.content) continue;
    artifacts[i] = { path: a.path, content: faulty };
    planted++;
  }
  assert.ok(planted >= 8, `${planted} faults planted`);
  const expected = validateEnvoyArtifacts(artifacts, sharedEnvoyIssues());
  assert.ok(expected.length >= planted, "the planted faults are found");
  const both = await validateEnvoyOnBothCores(artifacts, NO_CACHE, { minBytes: 0, chunkBytes: 16 * 1024, waitForHelper: true });
  assert.equal(both, expected);
});

test("the helper thread's findings equal this thread's, text by text", async () => {
  const result = await build({ entry: join(dir, mesh.entry), checker: "none", validate: false });
  const units = uncheckedUnits(result.artifacts!, NO_CACHE);
  const broken = units.map(([kind, text], i) => [kind, i % 5 === 0 ? text.replace(/port_value: \d+/, "port_value: 99999") : text] as const);
  const { issues: found, helperChunks } = await checkOnBothCores(broken, { chunkBytes: 16 * 1024, waitForHelper: true });
  assert.ok(helperChunks > 0, "the helper thread checked some of them");
  assert.is(found.size, new Set(broken.map(([k, t]) => `${k}\n${t}`)).size, "every unit has its findings");
  const single = sharedEnvoyIssues();
  for (const [kind, text] of broken) assert.equal(found.get(kind, text), single(kind, text));
  assert.ok(broken.some(([kind, text]) => found.get(kind, text)!.length > 0), "some units have findings");
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
