// The evaluation half of the boundary: a policy that throws, loops, hoards memory or reaches for a host
// API gets exactly its code, located in the author's file through the source map.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { load, type LoadOptions, type LoadResult } from "../../compiler/load";
import { at, fixture, located } from "./fixture";

async function failure(name: string, options?: LoadOptions) {
  const result: LoadResult = await load(fixture(name), options);
  if (result.ok) throw new Error(`${name} loaded, but it must not`);
  assert.is(result.diagnostics.length, 1, result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  const diagnostic = result.diagnostics[0]!;
  return { diagnostic, where: located(diagnostic, result.sources) };
}

test("a throw in a team file is MESH005 with the error's message, located in the team file", async () => {
  const { diagnostic, where } = await failure("team-throw");
  assert.is(diagnostic.code, "MESH005");
  assert.is(diagnostic.message, "Error: no port named grpc");
  // QuickJS points at the constructor call of `throw new Error(...)`, which the source map takes to `Error`.
  assert.is(where, at(fixture("team-throw", "teams/shop.ts"), "Error("));
});

test("process.env is MESH009 at `process`", async () => {
  const { diagnostic, where } = await failure("process-env");
  assert.is(diagnostic.code, "MESH009");
  assert.match(diagnostic.message, /'process' is a host API/);
  assert.is(where, at(fixture("process-env"), "process.env"));
});

test("fetch is MESH009 at `fetch`", async () => {
  const { diagnostic, where } = await failure("fetch");
  assert.is(diagnostic.code, "MESH009");
  assert.is(where, at(fixture("fetch"), "fetch("));
});

test("require() of a computed name is MESH009 at `require`", async () => {
  const { diagnostic, where } = await failure("dynamic-require");
  assert.is(diagnostic.code, "MESH009");
  assert.match(diagnostic.message, /require\("fs"\)/);
  assert.is(where, at(fixture("dynamic-require"), "require(name)"));
});

test("the constructor escape reaches no `process`: MESH009 where the constructed function is called", async () => {
  const { diagnostic, where } = await failure("constructor-escape");
  assert.is(diagnostic.code, "MESH009");
  assert.match(diagnostic.message, /'process'/);
  // The ReferenceError is thrown inside the constructed function, which has no source; the first author
  // frame is the call of it, `…("return process")()`, which the source map places at the `)` before `()`.
  assert.is(where, at(fixture("constructor-escape"), ")();"));
});

test("the clock and Math.random are refused with MESH015 where they are called; fixed dates still work", async () => {
  for (const [name, call, what] of [
    ["nondeterministic-random", "random()", "Math.random()"],
    ["nondeterministic-now", "now()", "Date.now()"],
    ["nondeterministic-newdate", "Date().toISOString()", "new Date() without arguments"],
  ] as const) {
    const { diagnostic, where } = await failure(name);
    assert.is(diagnostic.code, "MESH015", name);
    assert.ok(diagnostic.message.startsWith(what), diagnostic.message);
    assert.is(where, at(fixture(name, "teams/shop.ts"), call), name);
  }
});

test("while (true) {} is MESH006 after the deadline, at the default export (QuickJS records no position inside the loop)", async () => {
  const { diagnostic, where } = await failure("endless-loop", { timeoutMs: 200 });
  assert.is(diagnostic.code, "MESH006");
  assert.match(diagnostic.message, /200 ms/);
  assert.is(where, at(fixture("endless-loop"), "export default"));
});

test("unbounded allocation is MESH007 at the allocation, with a small memory limit", async () => {
  const { diagnostic, where } = await failure("unbounded-allocation", { memoryLimitBytes: 16 * 1024 * 1024 });
  assert.is(diagnostic.code, "MESH007");
  assert.match(diagnostic.message, /16 MiB/);
  assert.is(where, at(fixture("unbounded-allocation"), "ArrayBuffer("));
});

test("a recursion without an end is MESH005 (QuickJS's stack overflow) at the recursive call", async () => {
  const { diagnostic, where } = await failure("endless-recursion");
  assert.is(diagnostic.code, "MESH005");
  assert.is(diagnostic.message, "InternalError: stack overflow");
  assert.is(where, at(fixture("endless-recursion"), "zonesFrom(n + 1)"));
});

test("source nested deeper than the host stack allows ends the load with MESH005, and the next load still works", async () => {
  const { diagnostic } = await failure("deep-nesting");
  assert.is(diagnostic.code, "MESH005");
  assert.match(diagnostic.message, /stack/);
  const next = await load(fixture("escape-probe"));
  assert.ok(next.ok, "a fresh QuickJS instance serves the next load");
});

test("a thrown string is MESH005 with the value, at the default export (a string has no stack)", async () => {
  const { diagnostic, where } = await failure("throw-string");
  assert.is(diagnostic.code, "MESH005");
  assert.is(diagnostic.message, 'the policy threw "zones are not configured"');
  assert.is(where, at(fixture("throw-string"), "export default"));
});

test.run();
