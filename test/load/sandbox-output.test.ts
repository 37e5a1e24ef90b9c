// What comes out of the sandbox is untrusted: a policy can tamper with the serializer's realm. The host
// accepts only a well-formed outcome and turns anything else into an internal error, never a crash.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_DEPTH } from "../../compiler/load/plain-data";
import { readSandboxOutput } from "../../compiler/load/sandbox-output";

function codes(text: string): string[] {
  const output = readSandboxOutput(text);
  return output.ok ? ["ok"] : output.diagnostics.map((d) => d.code);
}

test("a well-formed mesh is accepted as it is", () => {
  const mesh = { $kind: "mesh", spec: { services: [{ $kind: "service", name: "a", spec: {} }], calls: [{ $kind: "service-ref", name: "a" }] } };
  const output = readSandboxOutput(JSON.stringify({ ok: true, mesh }));
  assert.ok(output.ok);
  assert.equal(output.ok && output.mesh, mesh);
});

test("issues become MESH011 with their path, a non-mesh MESH008", () => {
  const output = readSandboxOutput(JSON.stringify({ ok: false, issues: [{ path: "spec.a", reason: "is a symbol" }, { path: "", reason: "is odd" }] }));
  assert.equal(output.ok ? [] : output.diagnostics.map((d) => [d.code, d.path, d.message]), [
    ["MESH011", "spec.a", "spec.a is a symbol."],
    ["MESH011", "", "the default export is odd."],
  ]);
  assert.equal(codes(JSON.stringify({ ok: false, notMesh: "nothing" })), ["MESH008"]);
});

test("forged or malformed outcomes are internal errors", () => {
  const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
  for (const text of [
    "not json",
    "[]",
    JSON.stringify({ ok: true }),
    JSON.stringify({ ok: true, mesh: { $kind: "service", name: "a", spec: {} } }),
    JSON.stringify({ ok: true, mesh: { $kind: "mesh", spec: { x: { $kind: "evil" } } } }),
    JSON.stringify({ ok: true, mesh: { $kind: "mesh", spec: { x: { $kind: "service-ref", name: "a", extra: 1 } } } }),
    JSON.stringify({ ok: true, mesh: { $kind: "mesh", spec: deep(MAX_DEPTH + 10) } }),
    JSON.stringify({ ok: false, issues: [] }),
    JSON.stringify({ ok: false, issues: [{ path: 1 }] }),
  ]) {
    assert.equal(codes(text), ["MESH900"], text.slice(0, 80));
  }
});

test("a forged outcome nested far deeper than the host's stack is refused without recursion", () => {
  const text = `{"ok":true,"mesh":{"$kind":"mesh","spec":${"[".repeat(200000)}${"]".repeat(200000)}}}`;
  assert.equal(codes(text), ["MESH900"]);
});

test.run();
