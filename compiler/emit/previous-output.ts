// Recognising a folder as an earlier meshc build, the only non-empty folder a build may replace. A file named
// manifest.json is not enough (anyone can write one): the manifest must have meshc's shape and marker
// (`"meshc": 1`, every file with a sha256 and size), and the folder's top level must hold nothing the
// manifest does not list, so a user's own file or folder (notes, a .git, a checkout) there makes it "not ours".
// Contents may differ from the recorded hashes: a hand-edited output file is still meshc's file.
import { type Dirent, readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_FILE } from "./manifest";

/** The watch path's in-place writes (update-in-place.ts) leave `<file>.meshc-new` if killed mid-write. */
export const IN_PLACE_SUFFIX = ".meshc-new";

const SHA256 = /^[0-9a-f]{64}$/;

function listedPaths(text: string): Set<string> | string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return `its ${MANIFEST_FILE} is not JSON`;
  }
  const m = manifest as { meshc?: unknown; files?: unknown };
  if (typeof m !== "object" || m === null || m.meshc !== 1 || !Array.isArray(m.files)) return `its ${MANIFEST_FILE} is not a meshc manifest`;
  const paths = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = f as { path?: unknown; sha256?: unknown; bytes?: unknown };
    const ok = typeof file === "object" && file !== null && typeof file.path === "string" && file.path !== "" && typeof file.sha256 === "string" && SHA256.test(file.sha256) && Number.isSafeInteger(file.bytes);
    if (!ok) return `its ${MANIFEST_FILE} is not a meshc manifest`;
    paths.add(file.path as string);
  }
  return paths;
}

/** The top-level folders of the listed files ("envoy", "capture", …). */
function topLevelFolders(paths: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>();
  for (const p of paths) if (p.includes("/")) folders.add(p.split("/", 1)[0]!);
  return folders;
}

function ours(e: Dirent, files: ReadonlySet<string>, folders: ReadonlySet<string>): boolean {
  if (e.isDirectory()) return folders.has(e.name);
  if (!e.isFile()) return false; // meshc writes no links, sockets or devices
  return e.name === MANIFEST_FILE || files.has(e.name) || (e.name.endsWith(IN_PLACE_SUFFIX) && files.has(e.name.slice(0, -IN_PLACE_SUFFIX.length)));
}

/**
 * Why `dir` (an existing, non-empty folder whose entries are `entries`) is not an earlier meshc output, or
 * null when it is one. Only the top level is compared with the manifest: a user's notes, a `.git` or a
 * checkout sit there, and a walk of every folder would cost seconds at 180 000 files. Below a folder meshc
 * wrote, everything is meshc's (and is replaced with it).
 */
export function notPreviousOutput(dir: string, entries: readonly Dirent[]): string | null {
  if (!entries.some((e) => e.name === MANIFEST_FILE && e.isFile())) return `it is not empty and holds no ${MANIFEST_FILE} of an earlier meshc build`;
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    return `its ${MANIFEST_FILE} cannot be read`;
  }
  const paths = listedPaths(text);
  if (typeof paths === "string") return paths;
  const folders = topLevelFolders(paths);
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!ours(e, paths, folders)) return `it holds ${JSON.stringify(e.name)}, which its ${MANIFEST_FILE} does not list, so it is not (only) an earlier meshc build`;
  }
  return null;
}
