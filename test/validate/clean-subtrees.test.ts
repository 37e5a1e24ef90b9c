// Remembering messages found clean (compiler/validate/envoy/clean-subtrees.ts) must never change a finding: with
// a memo filled by a real build's clean documents, faulty and mutated documents get exactly the findings (codes,
// paths, rules, messages, offsets, order) they get without it. And the memo must actually be used.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { build } from "../../compiler/build";
import { NO_CACHE } from "../../compiler/validate/clean-cache";
import { CleanSubtrees, envoyIssues, type EnvoyDocumentKind } from "../../compiler/validate/envoy";
import { uncheckedUnits } from "../../compiler/validate/envoy/unchecked-units";

const dir = mkdtempSync(join(tmpdir(), "meshc-clean-subtrees-"));
const mesh = generateMesh({ services: 40, teams: 4, seed: 5 });
writeMesh(dir, mesh.files);

type Unit = readonly [EnvoyDocumentKind, string];
const plain = (kind: EnvoyDocumentKind, text: string, memo?: CleanSubtrees) => envoyIssues(kind, text, memo).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }));

let units: Unit[] = [];
const filled = new CleanSubtrees();

test.before(async () => {
  const result = await build({ entry: join(dir, mesh.entry), checker: "none", validate: false });
  units = [...uncheckedUnits(result.artifacts!, NO_CACHE)];
  for (const [kind, text] of units) assert.equal(plain(kind, text, filled), [], "the build's documents are clean");
});

test("the memo is used: equal messages in later documents are not walked again", () => {
  assert.ok(units.length > 300, `${units.length} units`);
  assert.ok(filled.hits > units.length, `${filled.hits} walks saved over ${units.length} documents`);
});

/** Faults deep inside messages that repeat from document to document (TLS contexts, outlier settings, listeners' filters). */
const FAULTS: readonly [RegExp, string][] = [
  [/port_value: \d+/, "port_value: 70000"],
  [/connect_timeout: \S+/, "connect_timeout: -1s"],
  [/\n( +)sni: /, "\n$1snii: "],
  [/\n( +)(\w+): (\d+)\n/, "\n$1$2: -$3\n"],
  [/\n( +)"@type": type.googleapis.com\/envoy.extensions.transport_sockets.tls.v3.(\w+)\n/, '\n$1"@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.$2x\n'],
  [/\n( +)lb_policy: \w+\n/, "\n$1lb_policy: FASTEST\n"],
  [/\n( +)(\w+): (true|false)\n/, '\n$1$2: "maybe"\n'],
  [/\n( +)(\w+):\n/, "\n$1$2:\n$1  unknown_field: 1\n"],
];

test("faults planted in every kind of document: the same findings with the filled memo as without one", () => {
  let found = 0;
  for (const [i, [kind, text]] of units.entries()) {
    for (const [j, [from, to]] of FAULTS.entries()) {
      if ((i + j) % 7 !== 0) continue;
      const faulty = text.replace(from, to);
      if (faulty === text) continue;
      const expected = plain(kind, faulty);
      found += expected.length;
      assert.equal(plain(kind, faulty, filled), expected, `unit ${i}, fault ${j}`);
    }
  }
  assert.ok(found > 100, `${found} findings`);
});

test("property: texts mutated character by character get the same findings with the filled memo as without one", () => {
  const alphabet = [" ", "  ", "\n", "- ", ":", "x", "1", "-1", '"', "{}", "[]", "\t"];
  fc.assert(
    fc.property(fc.nat(units.length - 1), fc.nat(), fc.nat(3), fc.constantFrom(...alphabet), (u, at, cut, insert) => {
      const [kind, text] = units[u]!;
      const p = at % text.length;
      const mutated = text.slice(0, p) + insert + text.slice(p + cut);
      // A mutated text found clean is remembered too, as in a build.
      assert.equal(plain(kind, mutated, filled), plain(kind, mutated));
    }),
    { numRuns: 400 },
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
