// Output is replaced as a whole or not at all: everything is written into a fresh sibling folder, which
// then takes the output folder's place by rename (atomic within one file system). A failed build never
// touches the previous output, and a build never replaces a folder that is not its own (output-folder.ts).
//
// Files with the same content are written once and hard-linked: thousands of sidecars share their LDS/CDS
// text, so this saves most of the write time and disk space, while every path stays an ordinary file for
// whatever reads it. (The next build replaces the whole folder, so the links are never edited in place.)
//
// The file-system calls are issued several at once (bounded-pool.ts): at N = 1 000 a build writes ~43 000 paths
// in ~14 000 folders and then removes the previous output's as many: one synchronous call after another
// mostly waited for the disk (bench/write-output.ts, replacing an output: 75–88 s wall for 11–17 s of CPU,
// against 9–20 s wall issued in parallel, at load 6–9).
import { link as linkCallback, mkdir as mkdirCallback, mkdirSync, renameSync, rm as rmCallback, rmSync, writeFile as writeFileCallback } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { Artifact } from "../../targets/target";
import { forEachBounded } from "./bounded-pool";
import { asOutputError } from "./output-error";

// The callback API, promisified: node:fs/promises' writeFile goes through a FileHandle per file, which cost
// ~1.5 s more of the main thread's CPU over 43 000 files (bench/write-output.ts).
const link = promisify(linkCallback);
const mkdir = promisify(mkdirCallback);
const rm = promisify(rmCallback);
const writeFile = promisify(writeFileCallback);
import { type ClaimOptions, claimOutputFolder } from "./output-folder";
import { makeTemporaryFolder, removeStaleTemporaries } from "./temporaries";

/** The artifact path inside `root`; throws for a path that would leave it. */
export function safeJoin(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`artifact path escapes the output folder: ${path}`);
  return full;
}

/** Hard-links `to` to `from`, or writes a copy where the file system cannot link. */
async function linkOrWrite(from: string, to: string, content: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await writeFile(to, content);
  }
}

/** Every folder the files need, parents included, grouped by depth: a level is made only after the one above it. */
function foldersByDepth(staging: string, files: readonly string[]): string[][] {
  const depthOf = new Map<string, number>();
  for (const file of files) {
    for (let folder = dirname(file); folder !== staging && !depthOf.has(folder); folder = dirname(folder)) depthOf.set(folder, folder.split(sep).length);
  }
  const levels = new Map<number, string[]>();
  for (const [folder, depth] of depthOf) {
    const level = levels.get(depth);
    if (level) level.push(folder);
    else levels.set(depth, [folder]);
  }
  return [...levels].sort(([a], [b]) => a - b).map(([, folders]) => folders);
}

/**
 * The same tree as writing the artifacts one by one in order: each distinct content is written at its first
 * path, and its later paths are hard links to that one, made only after every first write is done.
 */
async function writeInto(staging: string, artifacts: readonly Artifact[]): Promise<void> {
  const files = artifacts.map((a) => safeJoin(staging, a.path));
  for (const level of foldersByDepth(staging, files)) await forEachBounded(level, (folder) => mkdir(folder));
  const firstPath = new Map<string, string>();
  const writes: number[] = [];
  const links: number[] = [];
  artifacts.forEach((a, i) => {
    if (firstPath.has(a.content)) links.push(i);
    else (firstPath.set(a.content, files[i]!), writes.push(i));
  });
  await forEachBounded(writes, (i) => writeFile(files[i]!, artifacts[i]!.content));
  await forEachBounded(links, (i) => linkOrWrite(firstPath.get(artifacts[i]!.content)!, files[i]!, artifacts[i]!.content));
}

/**
 * Puts `staging` in the place of `target`. Another build may be swapping the same folder at the same moment;
 * whichever rename loses, the folder ends up holding one complete build and the loser reports an error.
 */
export async function swap(staging: string, target: string, parent: string, base: string, exists: boolean): Promise<void> {
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
  // rm's recursive walk issues its calls in parallel, which rmSync does not.
  await rm(old, { recursive: true, force: true });
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
export async function writeAtomically(outDir: string, artifacts: readonly Artifact[], options: ClaimOptions = {}): Promise<void> {
  const claimed = claimOutputFolder(outDir, options);
  const { target, parent, base } = claimed;
  let staging: string | undefined;
  try {
    mkdirSync(parent, { recursive: true });
    // A dead writer's previous output may be put back here, so the target then exists.
    const { restored } = removeStaleTemporaries(parent, base, claimed.exists);
    staging = makeTemporaryFolder(parent, base, "new");
    await writeInto(staging, artifacts);
    await swap(staging, target, parent, base, claimed.exists || restored);
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    throw asOutputError(error, outDir);
  }
}
