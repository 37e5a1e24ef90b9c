// The validator is faithful to a real cluster on Istio's own suite (pkg/config/validation/testdata/crds): every
// document of a *-valid.yaml file is accepted, and every document of a *-invalid.yaml file is rejected with an
// error that contains its `_err` line, which is the API server's own wording (field path, error type, message).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { validateIstioStream } from "../../compiler/validate/istio";
import { ISTIO_ANCHORS } from "./istio-anchors";

const DATA = join(ISTIO_ANCHORS, "testdata");
const files = readdirSync(DATA).filter((f) => f.endsWith(".yaml")).sort();

interface Case {
  readonly file: string;
  readonly name: string;
  readonly text: string;
  readonly expected: string | undefined;
}

/**
 * One difference of YAML readers, not of validators: in a flow sequence go-yaml (kubectl, Istio's test) reads the
 * IPv6 prefix `001:db8::` as a string, YAML 1.2 readers such as the yaml package as a one-key map. That document is
 * validated as Go reads it; the test below fails if the text changes and the rewrite stops applying.
 */
const GO_YAML_READING: readonly (readonly [string, string, string])[] = [["serviceentry-valid.yaml", "addresses: [1.2.3.4, 001:db8::]", 'addresses: [1.2.3.4, "001:db8::"]']];

function read(file: string): string {
  let text = readFileSync(join(DATA, file), "utf8");
  for (const [f, from, to] of GO_YAML_READING) if (f === file) text = text.replace(from, to);
  return text;
}

/** Each document of a file, with its `_err` taken out (the Istio test deletes it before validating). */
function cases(file: string): Case[] {
  const text = read(file);
  return parseAllDocuments(text).flatMap((doc, i) => {
    const value = doc.toJS() as Record<string, unknown> | null;
    if (!value) return [];
    const expected = typeof value._err === "string" ? value._err : undefined;
    doc.delete("_err");
    const name = (value.metadata as { name?: string } | undefined)?.name ?? `#${i}`;
    return [{ file, name: `${name} (#${i})`, text: doc.toString(), expected }];
  });
}

const valid = files.filter((f) => f.endsWith("-valid.yaml")).flatMap(cases);
const invalid = files.filter((f) => f.endsWith("-invalid.yaml")).flatMap(cases);

test("the suite is all there: 35 valid and 77 invalid documents", () => {
  assert.is(valid.length, 35);
  assert.is(invalid.length, 77);
  assert.ok(invalid.every((c) => c.expected), "every invalid document names its error");
});

test("the go-yaml reading rewrite still applies", () => {
  for (const [file, from] of GO_YAML_READING) assert.is(readFileSync(join(DATA, file), "utf8").split(from).length, 2, file);
});

const messagesOf = (text: string) => validateIstioStream(text).flatMap((d) => d.findings.map((f) => `${f.item.code} ${f.item.message}`));

for (const c of valid) {
  test(`${c.file}: ${c.name} is accepted`, () => {
    assert.equal(messagesOf(c.text), []);
  });
}

for (const c of invalid) {
  test(`${c.file}: ${c.name} is rejected with "${c.expected}"`, () => {
    const found = messagesOf(c.text);
    assert.ok(found.some((m) => m.includes(c.expected!)), `expected an error containing ${JSON.stringify(c.expected)}, got:\n${found.join("\n")}`);
  });
}

test.run();
