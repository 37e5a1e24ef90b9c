// The validator reads YAML as Envoy does, and refuses what could hang it (issue 15, items 3 and 10):
// - a YAML alias bomb is a MESH810 finding at once, not minutes and gigabytes of expansion;
// - an empty document (nothing, only comments, only `---`, null) is a MESH811 finding, exit 1, as Envoy refuses it;
// - scalars are typed as Envoy's yaml-cpp loader types them: 0X1F and 017 are integers, 0o17 and 1_000 are
//   strings, an int64 beyond int32 is its decimal string, .inf is "Infinity".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { envoyIssues } from "../../compiler/validate/envoy";
import * as fc from "fast-check";
import { envoyKey, envoyScalar, readScalar } from "../../compiler/validate/envoy/yaml-cpp-scalars";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-yaml-"));
const frontProxy = readFileSync(join(root, "../shared/anchors/envoy-configs/front-proxy.envoy.yaml"), "utf8");

/** `meshc validate` in a child process whose heap is capped: an alias expansion would die there, not pass. */
function validate(file: string, ...more: string[]) {
  const r = spawnSync(process.execPath, ["--max-old-space-size=400", join(root, "bin/meshc.js"), "validate", file, ...more], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

/** Nine levels of nine aliases each: 9^9 = 387 420 489 strings once expanded, from 400 bytes. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(",")}]`);
  return `static_resources:\n  clusters: []\n${lines.join("\n")}\n`;
}

test("an alias bomb is a MESH810 finding, exit 1, without expanding it", () => {
  const file = join(scratch, "bomb.yaml");
  writeFileSync(file, aliasBomb());
  assert.ok(aliasBomb().length < 500);
  const r = validate(file, "--kind", "bootstrap");
  assert.is(r.code, 1, r.err);
  assert.match(r.err, /bomb\.yaml:3:\d+ {2}error MESH810 {2}.*anchor &a/);
});

test("an alias alone (no anchor in the way) and an anchor alone are refused too", () => {
  const aliasOnly = envoyIssues("bootstrap", frontProxy.replace("cluster_name: service2", "cluster_name: &c service2"));
  assert.equal(aliasOnly.map((i) => i.code), ["MESH810"]);
  const issues = envoyIssues("lds", 'resources:\n  - "@type": type.googleapis.com/envoy.config.listener.v3.Listener\n    name: &n x\n  - "@type": type.googleapis.com/envoy.config.listener.v3.Listener\n    name: *n\n');
  assert.equal(issues.map((i) => i.code), ["MESH810"]);
});

test("an empty document — nothing, only comments, only ---, or null — is MESH811, exit 1", () => {
  const file = join(scratch, "empty.yaml");
  writeFileSync(file, "");
  const r = validate(file, "--kind", "bootstrap");
  assert.is(r.code, 1, `${r.err}${r.out}`);
  assert.match(r.err, /empty\.yaml:1:1 {2}error MESH811 {2}.*the document holds no value/);
  for (const text of ["# nothing here\n# at all\n", "---\n", "--- # a marker\n...\n", "~\n", "null\n"]) {
    assert.equal(envoyIssues("bootstrap", text).map((i) => i.code), ["MESH811"], JSON.stringify(text));
  }
  // A mapping written as JSON, even an empty one, is a document.
  assert.equal(envoyIssues("bootstrap", "{}\n").map((i) => i.code), []);
});

test("scalars are typed as Envoy's yaml-cpp loader types them", () => {
  const cases: [string, ReturnType<typeof envoyScalar>][] = [
    ["0X1F", { kind: "integer", value: 31n }],
    ["0x1f", { kind: "integer", value: 31n }],
    ["-0x10", { kind: "integer", value: -16n }],
    ["017", { kind: "integer", value: 15n }],
    ["+12", { kind: "integer", value: 12n }],
    ["0", { kind: "integer", value: 0n }],
    ["0XFFFFFFFFFF", { kind: "string", value: "1099511627775" }],
    ["99999999999", { kind: "string", value: "99999999999" }],
    ["99999999999999999999", { kind: "number", value: 1e20 }],
    ["08", { kind: "number", value: 8 }],
    ["1e3", { kind: "number", value: 1000 }],
    [".5", { kind: "number", value: 0.5 }],
    ["3.", { kind: "number", value: 3 }],
    ["1e400", { kind: "string", value: "1e400" }],
    [".inf", { kind: "string", value: "Infinity" }],
    ["-.INF", { kind: "string", value: "-Infinity" }],
    [".NaN", { kind: "string", value: "NaN" }],
    ["0o17", { kind: "string", value: "0o17" }],
    ["0b101", { kind: "string", value: "0b101" }],
    ["1_000", { kind: "string", value: "1_000" }],
    ["1:20", { kind: "string", value: "1:20" }],
    ["2001-12-14", { kind: "string", value: "2001-12-14" }],
    ["<<", { kind: "string", value: "<<" }],
    ["inf", { kind: "string", value: "inf" }],
    ["y", { kind: "bool", value: true }],
    ["Off", { kind: "bool", value: false }],
    ["YES", { kind: "bool", value: true }],
    ["yEs", { kind: "string", value: "yEs" }],
    ["~", { kind: "null" }],
    ["", { kind: "null" }],
    ["Null", { kind: "null" }],
  ];
  for (const [text, expected] of cases) assert.equal(envoyScalar(text, true), expected, text);
  // Quoted and block scalars are strings, whatever they spell; so is anything tagged "!".
  for (const text of ["0X1F", "yes", "~", ""]) {
    assert.equal(envoyScalar(text, false), { kind: "string", value: text }, text);
    assert.equal(envoyScalar(text, true, "!"), { kind: "string", value: text }, text);
  }
  // An explicit tag other than "!" does not stop Envoy's typing (it checks for "!" only), nor make null.
  assert.equal(envoyScalar("12", true, "tag:yaml.org,2002:str"), { kind: "integer", value: 12n });
  assert.equal(envoyScalar("~", true, "tag:yaml.org,2002:str"), { kind: "string", value: "~" });
});

test("the shortcut for names gives what every rule gives, for any text, style and tag", () => {
  // Texts near the words and numbers the rules read, and arbitrary ones.
  const words = ["", "~", "null", "Null", "NULL", "nUll", "y", "Y", "yes", "YES", "Yes", "yEs", "n", "no", "NO", "on", "On", "ON", "off", "Off", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "falsey", "nulls", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "0x1F", "0X1f", "017", "08", "-12", "+3", "1e3", ".5", "5.", "1_000", "0o17", "inf", "nan", "Infinity", "outbound", "type", "fault"];
  const near = fc.tuple(fc.constantFrom(...words), fc.string({ maxLength: 3 }), fc.boolean()).map(([w, extra, before]) => (before ? extra + w : w + extra));
  const text = fc.oneof(fc.constantFrom(...words), near, fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));
  const tag = fc.constantFrom(undefined, "?", "!", "!!str", "tag:yaml.org,2002:int");
  fc.assert(
    fc.property(text, fc.boolean(), tag, (t, plain, explicit) => {
      const yamlCppTag = explicit ?? (plain ? "?" : "!");
      const full = readScalar(t, yamlCppTag);
      assert.equal(envoyScalar(t, plain, explicit), full, JSON.stringify([t, plain, explicit]));
      assert.is(envoyKey(t, plain, explicit), full.kind === "null" ? "null" : t);
    }),
    { numRuns: 20_000 },
  );
});

test("documents: 0o17 is a string field's string; 0X1F and 017 are ports; 1_000 is not a number", () => {
  const errorsOf = (text: string) => envoyIssues("bootstrap", text).filter((i) => i.severity === "error").map((i) => `${i.code} ${i.path}`);
  assert.equal(errorsOf(frontProxy.replace("cluster_name: service1", "cluster_name: 0o17").replace("name: service1", "name: 0o17")), []);
  assert.equal(errorsOf(frontProxy.replace("port_value: 8000", "port_value: 0X1F40")), []);
  assert.equal(errorsOf(frontProxy.replace("port_value: 8000", "port_value: 017")), []);
  assert.equal(errorsOf(frontProxy.replace("port_value: 8000", "port_value: 1_000")), ["MESH802 static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value"]);
  // Beyond int32, Envoy hands the proto parser a decimal string: a string field takes it, a uint32 refuses it.
  assert.equal(errorsOf(frontProxy.replace("name: service1", "name: 0XFFFFFFFFFF").replace("cluster_name: service1", "cluster_name: 0XFFFFFFFFFF")), []);
  assert.equal(errorsOf(frontProxy.replace("port_value: 8000", "port_value: 0XFFFFFFFFFF")).map((e) => e.split(" ")[0]), ["MESH802"]);
});

test("a key tagged !ignore is skipped, as Envoy skips it", () => {
  const text = frontProxy.replace("static_resources:", "!ignore x-notes: &shared { any: thing }\nstatic_resources:");
  // (the anchor is still refused: ignoring a key does not make its anchor harmless)
  assert.equal(envoyIssues("bootstrap", text).map((i) => i.code), ["MESH810"]);
  assert.equal(envoyIssues("bootstrap", frontProxy.replace("static_resources:", "!ignore x-notes: { any: thing }\nstatic_resources:")).filter((i) => i.severity === "error"), []);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
