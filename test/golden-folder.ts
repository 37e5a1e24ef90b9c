// One golden folder against what a case produced: the same file list and every file byte for byte.
// `MESHC_UPDATE_GOLDEN=1` rewrites the folder first (deleting files the case no longer produces); it is refused
// when CI is set, so CI never blesses its own output.
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

export const updatingGoldens = process.env.MESHC_UPDATE_GOLDEN === "1";
if (updatingGoldens && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set: CI must not bless its own output");

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

/** `produced` maps paths relative to `dir` to their content. */
export function matchGoldenFolder(dir: string, produced: ReadonlyMap<string, string>): void {
  if (updatingGoldens) {
    for (const stale of filesUnder(dir)) if (!produced.has(relative(dir, stale))) rmSync(stale);
    for (const [path, content] of produced) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  assert.equal(filesUnder(dir).map((f) => relative(dir, f)).sort(), [...produced.keys()].sort(), "golden file list");
  for (const [path, content] of produced) assert.fixture(content, readFileSync(join(dir, path), "utf8"), path);
}
