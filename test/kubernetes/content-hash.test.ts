// The host's SHA-256 that the compiler hands the kubernetes target (compiler/target-registry.ts) must name every
// ConfigMap exactly as the target's own pure hash does: names are part of the output (goldens, rollouts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { createHash } from "node:crypto";
import "../../compiler/target-registry";
import { contentHash, pureSha256 } from "../../targets/kubernetes/content-hash";

const native = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

test("property: the native and the pure SHA-256 agree on any text, lone surrogates included", () => {
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => assert.is(native(text), pureSha256(text))), { numRuns: 500 });
  fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 5 }), (text) => assert.is(native(text), pureSha256(text))));
});

test("a ConfigMap's hash is the first ten hex digits of the SHA-256 of its [name, file's SHA-256] pairs' JSON", () => {
  const files = [["cds.yaml", "resources: []\n"], ["lds.yaml", "é\u2028\ud800"]] as const;
  const framed = (hash: (text: string) => string) => JSON.stringify(files.map(([name, content]) => [name, hash(content)]));
  assert.is(contentHash(files), pureSha256(framed(pureSha256)).slice(0, 10));
  assert.is(contentHash(files), native(framed(native)).slice(0, 10));
});

test("files that differ in one byte, or whose bytes move from one name to the other, get different hashes", () => {
  assert.is.not(contentHash([["a", "xy"], ["b", ""]]), contentHash([["a", "x"], ["b", "y"]]));
  assert.is.not(contentHash([["a", "x"]]), contentHash([["a", "y"]]));
  assert.is.not(contentHash([["a", "x"]]), contentHash([["b", "x"]]));
});

test.run();
