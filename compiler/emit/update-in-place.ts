// The watch path's write: only the files a rebuild changed, each replaced by rename (write a sibling, then
// rename over the old one). Envoy's path config source watches its directory for exactly such moves, so a
// running sidecar picks the new LDS/CDS up whole, never half-written.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { Artifact } from "../../targets/target";

function inside(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`artifact path escapes the output folder: ${path}`);
  return full;
}

export function updateInPlace(outDir: string, changed: readonly Artifact[], removed: readonly string[]): void {
  const out = resolve(outDir);
  for (const a of changed) {
    const file = inside(out, a.path);
    mkdirSync(dirname(file), { recursive: true });
    const next = `${file}.meshc-new`;
    writeFileSync(next, a.content);
    renameSync(next, file);
  }
  for (const path of removed) rmSync(inside(out, path), { force: true });
}
