import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseTscOutput } from "../../compiler/typecheck/tsc-output";

test("a located diagnostic with its message chain", () => {
  const out = [
    "teams/shop.ts(3,7): error TS2322: Type '{ a: { b: string; }; }' is not assignable to type 'A'.",
    "  The types of 'a.b' are incompatible between these types.",
    "    Type 'string' is not assignable to type 'number'.",
    "mesh.ts(4,32): error TS2551: Property 'ordrs' does not exist on type 'Services'. Did you mean 'orders'?",
    "",
  ].join("\n");
  assert.equal(parseTscOutput(out), [
    {
      file: "teams/shop.ts",
      line: 3,
      column: 7,
      category: "error",
      code: "TS2322",
      message: "Type '{ a: { b: string; }; }' is not assignable to type 'A'.\n  The types of 'a.b' are incompatible between these types.\n    Type 'string' is not assignable to type 'number'.",
    },
    { file: "mesh.ts", line: 4, column: 32, category: "error", code: "TS2551", message: "Property 'ordrs' does not exist on type 'Services'. Did you mean 'orders'?" },
  ]);
});

test("a diagnostic without a file (bad options)", () => {
  assert.equal(parseTscOutput("error TS5023: Unknown compiler option 'x'.\n"), [{ category: "error", code: "TS5023", message: "Unknown compiler option 'x'." }]);
});

test("paths with parentheses, relative paths, CRLF, and messages quoting the diagnostic format", () => {
  const out = "../a (copy)/x.ts(1,2): error TS2322: Type '\"(9,9): error TS1: \"' is not assignable to type 'number'.\r\n";
  const [d] = parseTscOutput(out);
  assert.is(d?.file, "../a (copy)/x.ts");
  assert.is(d?.line, 1);
  assert.is(d?.column, 2);
  assert.is(d?.message, "Type '\"(9,9): error TS1: \"' is not assignable to type 'number'.");
});

test("unrelated lines are ignored and never glued onto a diagnostic", () => {
  const out = "a.ts(1,1): error TS1005: ';' expected.\nFound 1 error.\n  stray indented line\n";
  const parsed = parseTscOutput(out);
  assert.is(parsed.length, 1);
  assert.is(parsed[0]?.message, "';' expected.");
});

test.run();
