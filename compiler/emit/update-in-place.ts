// The watch path's write: only the files a rebuild changed, each replaced by rename (write a sibling, then
// rename over the old one). Envoy's path config source watches its directory for exactly such moves, so a
// running sidecar picks the new LDS/CDS up whole, never half-written. The folder is the one the watch's first
// build claimed and wrote whole (atomic-write.ts); a sibling left by a kill is a `<file>.meshc-new`, which
// the next whole build replaces and which does not make the folder "not meshc's" (previous-output.ts).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { Artifact } from "../../targets/target";
import { asOutputError } from "./output-error";
import { outputTarget } from "./output-folder";
import { IN_PLACE_SUFFIX } from "./previous-output";

function inside(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`artifact path escapes the output folder: ${path}`);
  return full;
}

export function updateInPlace(outDir: string, changed: readonly Artifact[], removed: readonly string[]): void {
  try {
    const out = outputTarget(outDir).target;
    for (const a of changed) {
      const file = inside(out, a.path);
      mkdirSync(dirname(file), { recursive: true });
      const next = `${file}${IN_PLACE_SUFFIX}`;
      try {
        writeFileSync(next, a.content);
        renameSync(next, file);
      } catch (error) {
        rmSync(next, { force: true });
        throw error;
      }
    }
    for (const path of removed) rmSync(inside(out, path), { force: true });
  } catch (error) {
    throw asOutputError(error, outDir);
  }
}
