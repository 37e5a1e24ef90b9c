// The policy gets nothing: a fixture tries every known way out of the sandbox (the Function constructor
// reached through an object, `this` of a sloppy function, indirect eval, import(), require, QuickJS's own
// std/os modules, V8's hooks) and records what each got; it loads, and every entry shows that it got
// nothing. Its global object holds only what ECMAScript itself defines.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { load } from "../../compiler/load";
import { fixture } from "./fixture";

/** ECMAScript's global object (ECMA-262 §19), plus QuickJS's InternalError. Anything else would be a host's. */
const LANGUAGE_GLOBALS = new Set(
  (
    "globalThis Infinity NaN undefined eval isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape " +
    "AggregateError Array ArrayBuffer BigInt BigInt64Array BigUint64Array Boolean DataView Date Error EvalError FinalizationRegistry Float16Array Float32Array " +
    "Float64Array Function Int8Array Int16Array Int32Array Iterator Map Number Object Promise Proxy RangeError ReferenceError RegExp Set SharedArrayBuffer " +
    "String Symbol SyntaxError TypeError Uint8Array Uint8ClampedArray Uint16Array Uint32Array URIError WeakMap WeakRef WeakSet Atomics JSON Math Reflect " +
    "InternalError"
  ).split(" "),
);

async function probe(): Promise<Record<string, string>> {
  const result = await load(fixture("escape-probe"));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  const spec = result.mesh.spec as { probe: Record<string, string> };
  return spec.probe;
}

test("no escape route reaches a host object", async () => {
  const got = await probe();
  assert.equal(
    { ...got, globals: undefined },
    {
      constructorChain: "undefined",
      thisConstructor: "undefined",
      functionThis: "undefined",
      sloppyThis: "undefined",
      strictThis: "undefined",
      globalProcess: "undefined",
      indirectEval: "undefinedundefinedundefined",
      newFunction: "threw ReferenceError: 'process' is not defined",
      dynamicImport: "pending",
      dynamicRequire: "threw TypeError: not a function",
      quickjsStd: "undefinedundefinedundefinedundefined",
      v8Hooks: "undefined",
      webAssembly: "undefined",
      globals: undefined,
    },
  );
});

test("the sandbox's global object holds only the language's own globals", async () => {
  const globals = (await probe()).globals!.split(",");
  assert.ok(globals.includes("Object") && globals.includes("JSON"), "the probe read the global object");
  assert.equal(globals.filter((name) => !LANGUAGE_GLOBALS.has(name)), []);
});

test('literal import("fs") and require("fs") never reach the sandbox: MESH002 when bundling', async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-escape-"));
  try {
    const entry = join(dir, "mesh.ts");
    writeFileSync(entry, 'import { defineMesh } from "meshc";\nconst fs = import("fs");\nconst cp = require("child_process");\nexport default defineMesh({ name: String(fs) + String(cp), ipFamily: "ipv6", zones: ["z1"], services: [] });\n');
    const result = await load(entry);
    assert.equal(result.ok ? [] : result.diagnostics.map((d) => d.code), ["MESH002", "MESH002"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
