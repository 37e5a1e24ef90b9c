// DESIGN.md: a misspelled reference is a TypeScript error in the editor, and the semantic checks catch it again
// at build time "with the same location". Checked here with the real type checker on the reference fixtures.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join, resolve } from "node:path";
import { build } from "../../compiler/build";

const fixtures = resolve(__dirname, "../fixtures/invalid");
const cases: [string, string][] = [
  ["MESH101-unknown-service", "TS2551"],
  ["MESH102-unknown-version", "TS2322"],
  ["MESH501-drill-unknown-service", "TS2551"],
];

for (const [fixture, tsCode] of cases) {
  test(`${fixture}: the check and ${tsCode} point at the same spot`, async () => {
    const result = await build({ entry: join(fixtures, fixture, "mesh.ts"), checker: "tsc7", emit: false });
    const mesh = result.diagnostics.find((d) => d.code === fixture.slice(0, 7));
    const ts = result.diagnostics.find((d) => d.code === tsCode);
    assert.ok(mesh?.span && ts?.span, result.diagnostics.map((d) => d.code).join(", "));
    assert.equal([ts!.span!.file, ts!.span!.start], [mesh!.span!.file, mesh!.span!.start]);
  });
}

test.run();
