// Output is replaced as a whole or not at all: everything is written into a fresh sibling folder, which
// then takes the output folder's place by rename (atomic within one file system). A failed build never
// touches the previous output.
//
// Files with the same content are written once and hard-linked: thousands of sidecars share their LDS/CDS
// text, so this saves most of the write time and disk space, while every path stays an ordinary file for
// whatever reads it. (The next build replaces the whole folder, so the links are never edited in place.)
import { existsSync, linkSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { Artifact } from "../../targets/target";

function safeJoin(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`artifact path escapes the output folder: ${path}`);
  return full;
}

/** Hard-links `to` to `from`; false where the file system cannot (the caller then writes a copy). */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

export function writeAtomically(outDir: string, artifacts: readonly Artifact[]): void {
  const out = resolve(outDir);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(out)}.new-`));
  try {
    const folders = new Set<string>();
    const written = new Map<string, string>();
    for (const a of artifacts) {
      const file = safeJoin(staging, a.path);
      const folder = dirname(file);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      const same = written.get(a.content);
      if (same === undefined || !tryLink(same, file)) {
        writeFileSync(file, a.content);
        written.set(a.content, file);
      }
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
