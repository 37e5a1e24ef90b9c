// The Istio validator reads a stream twice at most: fast (js-yaml, fast-yaml.ts) and, when there is a finding,
// with positions (the yaml package, documents.ts). Both must give the same values, or a finding could depend on
// which reading ran: every scalar form below, and every document of Istio's suite, reads the same both ways.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { readStream } from "../../compiler/validate/istio/fast-yaml";
import { istioArtifacts } from "../../bench/istio-objects";
import { ISTIO_ANCHORS } from "./istio-anchors";

/** The located reading's values (documents.ts's options). */
function located(text: string): unknown[] {
  const bool = {
    identify: (v: unknown) => typeof v === "boolean",
    default: true,
    tag: "tag:yaml.org,2002:bool",
    test: /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/,
    resolve: (s: string) => /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(s),
  };
  return parseAllDocuments(text, { intAsBigInt: true, uniqueKeys: true, customTags: [bool] } as never).map((d) => (d.contents === null ? null : d.toJS()));
}

const SCALARS = ["yes", "Yes", "on", "OFF", "y", "n", "true", "False", "1", "-1", "+1", "012", "0o17", "0x1F", "1.0", "1.", ".5", "-.5", "1e3", "1E-3", "1_000", ".inf", "-.Inf", "~", "null", "NULL", "", "2001-12-14", "12:30:00", "1.2.3.4", "'quoted'", '"5"', "<<", '"*"', "0.0.0.0/0", "::1"];

const same = (a: unknown, b: unknown) => assert.equal(JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? `${v}n` : Number.isNaN(v) ? "NaN" : v === Infinity ? "Inf" : v === -Infinity ? "-Inf" : v)), JSON.stringify(b, (_k, v) => (typeof v === "bigint" ? `${v}n` : Number.isNaN(v) ? "NaN" : v === Infinity ? "Inf" : v === -Infinity ? "-Inf" : v)));

test("scalars read the same both ways", () => {
  for (const s of SCALARS) same(readStream(`v: ${s}\n`), located(`v: ${s}\n`));
  const nan = readStream("v: .nan\n") as [{ v: number }];
  assert.ok(Number.isNaN(nan[0].v));
});

test("Istio's suite and the benchmark's objects read the same both ways", () => {
  const dir = join(ISTIO_ANCHORS, "testdata");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml"))) {
    const text = readFileSync(join(dir, f), "utf8");
    same(readStream(text), located(text));
  }
  for (const a of istioArtifacts(3)) same(readStream(a.content), located(a.content));
});

test("text neither reads: no values from the fast reading", () => {
  assert.is(readStream("a: [1, 2\n"), null);
  assert.is(readStream("a: 1\na: 2\n"), null);
});

test.run();
