// QuickJS stack frames and their mapping back through esbuild's source map, including the line-only
// frames older QuickJS builds print (mapped to the line's first mapped column).
import { transformSync } from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseQuickjsStack } from "../../compiler/load/quickjs-stack";
import { authorSpanOf, positionMapper } from "../../compiler/load/source-map";

test("frames with and without a column are read; native frames are skipped", () => {
  const stack = ["    at RegExp (native)", "    at zonesFrom (meshc-policy.js:57:11)", "    at <anonymous> (meshc-policy.js:9)", "    at <eval> (<input>:1:8)", ""].join("\n");
  assert.equal(parseQuickjsStack("    at meshc-policy.js:2:12\n"), [{ functionName: "", file: "meshc-policy.js", line: 2, column: 12 }], "a parse error's frame");
  assert.equal(parseQuickjsStack(stack), [
    { functionName: "zonesFrom", file: "meshc-policy.js", line: 57, column: 11 },
    { functionName: "<anonymous>", file: "meshc-policy.js", line: 9 },
    { functionName: "<eval>", file: "<input>", line: 1, column: 8 },
  ]);
});

test("a frame maps to the author's file; without a column, to the line's first mapped column", () => {
  const source = "const a: number = 1;\n\n    const broken: string = undefinedThing.x;\n";
  const out = transformSync(source, { loader: "ts", sourcemap: "external", sourcefile: "team.ts" });
  const generatedLine = out.code.split("\n").findIndex((l) => l.includes("undefinedThing")) + 1;
  const generatedColumn = out.code.split("\n")[generatedLine - 1]!.indexOf("undefinedThing") + 1;
  const map = positionMapper(out.map, "/policy");
  const sources = new Map([["/policy/team.ts", source]]);
  const withColumn = authorSpanOf([{ functionName: "<eval>", file: "bundle.js", line: generatedLine, column: generatedColumn }], "bundle.js", map, sources);
  assert.equal(withColumn, { file: "/policy/team.ts", start: source.indexOf("undefinedThing"), length: "undefinedThing".length });
  const lineOnly = authorSpanOf([{ functionName: "<eval>", file: "bundle.js", line: generatedLine }], "bundle.js", map, sources);
  assert.equal(lineOnly, { file: "/policy/team.ts", start: source.indexOf("const broken"), length: "const".length });
});

test("frames of other files, and positions outside the author's sources, are passed over", () => {
  const out = transformSync("throw new Error('x');\n", { loader: "ts", sourcemap: "external", sourcefile: "dsl.ts" });
  const map = positionMapper(out.map, "/repo/dsl");
  const frames = [{ functionName: "f", file: "<input>", line: 1, column: 1 }, { functionName: "g", file: "bundle.js", line: 1, column: 7 }];
  assert.is(authorSpanOf(frames, "bundle.js", map, new Map([["/policy/mesh.ts", ""]])), undefined);
});

test.run();
