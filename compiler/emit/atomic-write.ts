// Output is replaced as a whole or not at all: everything is written into a fresh sibling folder, which
// then takes the output folder's place by rename (atomic within one file system). A failed build never
// touches the previous output, and a build never replaces a folder that is not its own (output-folder.ts).
//
// Files with the same content are written once and hard-linked: thousands of sidecars share their LDS/CDS
// text, so this saves most of the write time and disk space, while every path stays an ordinary file for
// whatever reads it. (The next build replaces the whole folder, so the links are never edited in place.)
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { Artifact } from "../../targets/target";
import { asOutputError } from "./output-error";
import { type ClaimOptions, claimOutputFolder } from "./output-folder";
import { makeTemporaryFolder, removeStaleTemporaries } from "./temporaries";

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

function writeInto(staging: string, artifacts: readonly Artifact[]): void {
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
}

/**
 * Puts `staging` in the place of `target`. Another build may be swapping the same folder at the same moment;
 * whichever rename loses, the folder ends up holding one complete build and the loser reports an error.
 */
function swap(staging: string, target: string, parent: string, base: string, exists: boolean): void {
  if (!exists) {
    renameSync(staging, target);
    return;
  }
  const old = makeTemporaryFolder(parent, base, "old");
  rmSync(old, { recursive: true });
  renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    try {
      renameSync(old, target);
    } catch {
      // another build's output took the place: keep it; ours is reported as failed
    }
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Checks, before a build runs, that it may replace `outDir` (throws MESH020/MESH021 otherwise), and removes
 * what interrupted builds into the same folder left behind, so a build that then fails cleans up too.
 */
export function prepareOutput(outDir: string, options: ClaimOptions = {}): void {
  const claimed = claimOutputFolder(outDir, options);
  try {
    removeStaleTemporaries(claimed.parent, claimed.base, claimed.exists);
  } catch (error) {
    throw asOutputError(error, outDir);
  }
}

/**
 * Writes a build's artifacts as the whole content of `outDir`. Throws an OutputError (MESH020) when `outDir`
 * is not a folder a build may replace, and (MESH021) when the file system refuses a write.
 */
export function writeAtomically(outDir: string, artifacts: readonly Artifact[], options: ClaimOptions = {}): void {
  const claimed = claimOutputFolder(outDir, options);
  const { target, parent, base } = claimed;
  let staging: string | undefined;
  try {
    mkdirSync(parent, { recursive: true });
    // A dead writer's previous output may be put back here, so the target then exists.
    const { restored } = removeStaleTemporaries(parent, base, claimed.exists);
    staging = makeTemporaryFolder(parent, base, "new");
    writeInto(staging, artifacts);
    swap(staging, target, parent, base, claimed.exists || restored);
  } catch (error) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    throw asOutputError(error, outDir);
  }
}
