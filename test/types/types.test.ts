// Type-level tests: the fixture policy in policy/ marks every mistake the DSL must reject with
// `// @ts-expect-error TSnnnn <reason>`. Both checkers must report nothing: an unused directive is itself an
// error (TS2578), so a mistake the DSL stops rejecting fails here. With the directives removed, exactly the
// marked lines must report exactly the marked codes, so the test cannot pass vacuously.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic";
import { positionOf } from "../../compiler/diagnostics/position";
import { type Checker, REGISTRY_FILE, typecheck } from "../../compiler/typecheck";
import { expectedErrors, withoutDirectives } from "./directives";

const POLICY = resolve(__dirname, "policy");
const SOURCES = ["mesh.ts", "teams/edge.ts", "teams/shop.ts"];
const REGISTRY = readFileSync(join(POLICY, REGISTRY_FILE), "utf8");
const CHECKERS: readonly Checker[] = ["tsc7", "ts6"];

function describe(root: string, d: Diagnostic): string {
  if (!d.span) return `${d.code} ${d.message}`;
  const { line, column } = positionOf(readFileSync(d.span.file, "utf8"), d.span.start);
  return `${relative(root, d.span.file)}:${line}:${column} ${d.code}`;
}

/** A copy of the fixture policy with the given sources rewritten; removed again by the caller. */
function copyPolicy(rewrite: (source: string, text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "meshc-types-"));
  cpSync(POLICY, dir, { recursive: true });
  for (const source of SOURCES) writeFileSync(join(dir, source), rewrite(source, readFileSync(join(POLICY, source), "utf8")));
  return dir;
}

test("the fixture marks every mistake the DSL must reject", () => {
  const reasons = SOURCES.flatMap((s) => expectedErrors(readFileSync(join(POLICY, s), "utf8")).map((e) => e.reason)).join("\n");
  for (const place of ["in calls", "access.allowFrom", "drill's target", "drill's from", "request.to", "request.from", "mirror.to", "single destination", "weighted destination", "zone the mesh does not declare", "expect.version names", "expect.split names", "typed per test", "both version and split"]) {
    assert.ok(reasons.includes(place), `no directive covers: ${place}`);
  }
});

for (const checker of CHECKERS) {
  test(`${checker}: the fixture policy type-checks clean, every directive used`, async () => {
    const diagnostics = await typecheck({ root: POLICY, files: SOURCES.map((s) => join(POLICY, s)), registry: REGISTRY, checker });
    assert.equal(diagnostics.map((d) => `${describe(POLICY, d)} ${d.message}`), []);
  });

  test(`${checker}: without the directives, exactly the marked lines report the marked codes`, async () => {
    const dir = copyPolicy((_, text) => withoutDirectives(text));
    try {
      const expected = SOURCES.flatMap((source) =>
        expectedErrors(readFileSync(join(POLICY, source), "utf8")).map((e) => `${source}:${e.line} ${e.code}`),
      ).sort();
      assert.ok(expected.length >= 12, "the fixture has its directives");
      const diagnostics = await typecheck({ root: dir, files: SOURCES.map((s) => join(dir, s)), registry: REGISTRY, checker });
      const actual = diagnostics.map((d) => describe(dir, d).replace(/:(\d+):\d+ /, ":$1 ")).sort();
      assert.equal(actual, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("a misspelled service in calls is reported at the typo, in the team's own file, by both checkers", async () => {
  const target = expectedErrors(readFileSync(join(POLICY, "teams/shop.ts"), "utf8")).find((e) => e.reason === "misspelled service in calls");
  assert.ok(target, "the fixture has the case");
  const dir = copyPolicy((source, text) => (source === "teams/shop.ts" ? withoutDirectives(text, new Set([target.line])) : text));
  try {
    const file = join(dir, "teams/shop.ts");
    const text = readFileSync(file, "utf8");
    const lineText = text.split("\n")[target.line - 1]!;
    assert.ok(lineText.includes("svc.inventroy"), lineText);
    const column = lineText.indexOf("inventroy") + 1;
    for (const checker of CHECKERS) {
      const diagnostics = await typecheck({ root: dir, files: SOURCES.map((s) => join(dir, s)), registry: REGISTRY, checker });
      assert.is(diagnostics.length, 1, `${checker}: ${diagnostics.map((d) => d.message).join("; ")}`);
      const [d] = diagnostics as [Diagnostic];
      assert.is(d.code, "TS2551");
      assert.is(d.severity, "error");
      assert.is(d.span?.file, file);
      assert.equal(positionOf(text, d.span!.start), { line: target.line, column }, checker);
      assert.is(d.span?.length, "inventroy".length);
      assert.match(d.message, "Did you mean 'inventory'?");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
