// `meshc check --json` is a documented contract (docs/cli.md): its output for the example and for two invalid
// policies is compared byte for byte with reviewed goldens, and two runs give identical bytes. Paths in the
// output are relative to the working directory, which the test runner sets to the repository root.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXIT_OK, EXIT_POLICY, main } from "../../compiler/cli/main";

const root = resolve(__dirname, "../..");
const golden = join(root, "test/golden/cli-check-json");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set");

async function check(entry: string): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await main(["check", entry, "--json", "--checker", "none"], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { status, out, err };
}

const cases: [string, string, number][] = [
  ["uaek", "examples/uaek/mesh.ts", EXIT_OK],
  ["warning-with-related", "test/fixtures/invalid/MESH300-retries-exceed-timeout/mesh.ts", EXIT_OK],
  ["error-with-related", "test/fixtures/invalid/MESH210-routing-test-fails/mesh.ts", EXIT_POLICY],
];

for (const [name, entry, status] of cases) {
  test(`meshc check --json ${entry}`, async () => {
    assert.is(process.cwd(), root, "run from the repository root (node test/run.mjs does)");
    const first = await check(entry);
    const second = await check(entry);
    assert.is(first.status, status);
    assert.is(first.err, "", "--json writes nothing but the document");
    assert.is(second.out, first.out, "stable across runs");
    const document = JSON.parse(first.out) as { ok: boolean; summary: { errors: number; warnings: number }; diagnostics: unknown[] };
    assert.is(document.ok, status === EXIT_OK);
    assert.is(document.summary.errors + document.summary.warnings, document.diagnostics.length);
    const file = join(golden, `${name}.json`);
    if (update) writeFileSync(file, first.out);
    assert.fixture(first.out, readFileSync(file, "utf8"));
  });
}

test.run();
