// Output is replaced as a whole or not at all: everything is written into a fresh sibling folder, which
// then takes the output folder's place by rename (atomic within one file system). A failed build never
// touches the previous output.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { Artifact } from "../../targets/target";

function safeJoin(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`artifact path escapes the output folder: ${path}`);
  return full;
}

export function writeAtomically(outDir: string, artifacts: readonly Artifact[]): void {
  const out = resolve(outDir);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(out)}.new-`));
  try {
    for (const a of artifacts) {
      const file = safeJoin(staging, a.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, a.content);
    }
    if (existsSync(out)) {
      const old = mkdtempSync(join(parent, `.${basename(out)}.old-`));
      rmSync(old, { recursive: true });
      renameSync(out, old);
      renameSync(staging, out);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, out);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
