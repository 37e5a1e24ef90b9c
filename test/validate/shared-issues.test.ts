// Checking each distinct text once (compiler/validate/envoy/resource-items.ts) must find exactly what checking
// every document on its own finds: same codes, paths, rules, messages and offsets. Compared here on the Envoy
// goldens, on documents with faults planted in chosen items, and on layouts the split must refuse.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { envoyIssues as issuesOf, envoyKindOf, type EnvoyDocumentKind, sharedEnvoyIssues } from "../../compiler/validate/envoy";
import { resourceItems } from "../../compiler/validate/envoy/resource-items";

/** A finding's `at` is where it is (offsets); the direct path happens to hand over the whole parsed node. */
const envoyIssues = (kind: EnvoyDocumentKind, text: string) => issuesOf(kind, text).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }));

const GOLDEN = join(__dirname, "../golden/envoy");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : [join(dir, e)]));
}

const goldens = files(GOLDEN).flatMap((path) => {
  const kind = envoyKindOf(path);
  return kind ? [{ path, kind, text: readFileSync(path, "utf8") }] : [];
});

test("the goldens: the same (empty) findings, and every xDS file has the plain layout the split needs", () => {
  assert.ok(goldens.length >= 12, "goldens were read");
  const shared = sharedEnvoyIssues();
  for (const g of goldens) {
    assert.equal(shared(g.kind, g.text), envoyIssues(g.kind, g.text), g.path);
    if (g.kind !== "bootstrap") assert.ok(resourceItems(g.text)?.length, `${g.path} splits into items`);
  }
});

/** Faults that each make a cluster or listener wrong in a different way. */
const FAULTS: readonly ((text: string) => string)[] = [
  (t) => t.replace(/connect_timeout: \S+/, "connect_timeout: 250ms"),
  (t) => t.replace(/port_value: \d+/, "port_value: 70000"),
  (t) => t.replace(/\n    name: /, "\n    nmae: "),
  (t) => t.replace(/type: STRICT_DNS/, "type: STRICTER_DNS"),
  (t) => t.replace(/"@type": type.googleapis.com\/envoy.config.(cluster|listener).v3.(Cluster|Listener)/, '"@type": type.googleapis.com/envoy.config.route.v3.RouteConfiguration'),
  (t) => t.replace(/\n    (\w+):/, "\n    $1: &a\n      x: 1\n    other: *a\n    $1x:"),
  (t) => `${t}    broken: [\n`,
];

test("property: faults planted in chosen items of real xDS files are found the same way, at the same offsets", () => {
  const xds = goldens.filter((g) => g.kind !== "bootstrap");
  fc.assert(
    fc.property(fc.constantFrom(...xds), fc.array(fc.tuple(fc.nat(), fc.nat(FAULTS.length - 1)), { minLength: 1, maxLength: 3 }), (doc, faults) => {
      const items = resourceItems(doc.text)!;
      const texts = items.map((i) => i.text);
      for (const [at, fault] of faults) texts[at % texts.length] = FAULTS[fault]!(texts[at % texts.length]!);
      const text = `resources:\n${texts.join("")}`;
      const expected = envoyIssues(doc.kind, text);
      assert.equal(sharedEnvoyIssues()(doc.kind, text), expected);
    }),
    { numRuns: 60 },
  );
});

test("a document seen twice, or items repeated inside one, get each their own offsets and paths", () => {
  const cds = goldens.find((g) => g.kind === "cds")!;
  const items = resourceItems(cds.text)!;
  const bad = items[0]!.text.replace(/connect_timeout: \S+/, "connect_timeout: 0s");
  const text = `resources:\n${bad}${items.slice(1).map((i) => i.text).join("")}${bad}`;
  const shared = sharedEnvoyIssues();
  const expected = envoyIssues("cds", text);
  assert.is(expected.length, 2, "the fault is found in both copies");
  assert.equal(shared("cds", text), expected);
  assert.equal(shared("cds", text), expected, "the second time, from the cache");
});

test("layouts other than the plain block one are not split (and still validated the same)", () => {
  for (const text of [
    "resources: []\n",
    'version_info: "1"\nresources:\n  - "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n    name: a\n',
    'resources:\n- "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n  name: a\n',
    'resources:\n  # a comment\n  - "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n    name: a\n',
  ]) {
    assert.is(resourceItems(text), null, JSON.stringify(text));
    assert.equal(sharedEnvoyIssues()("cds", text), envoyIssues("cds", text));
  }
});

test.run();
