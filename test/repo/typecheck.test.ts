// The whole repository type-checks in strict mode with the native TypeScript 7 compiler.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

test("tsc -p . reports no errors", () => {
  const root = resolve(__dirname, "../..");
  const run = spawnSync(process.execPath, [resolve(root, "node_modules/typescript7/bin/tsc"), "-p", root, "--pretty", "false"], { encoding: "utf8" });
  assert.is(run.stdout + run.stderr, "");
  assert.is(run.status, 0);
});

test.run();
