// Which folder `--out` really names, and whether a build may replace it. A build replaces its output as a
// whole, so a wrong --out would delete whatever is there: it may replace only a folder that is missing, empty,
// or an earlier meshc output (previous-output.ts), and never the working directory, the policy's folder, the
// home folder or an ancestor of any of them (an empty working directory is still the operator's shell's).
// Anything else is refused (MESH020) before anything is touched.
//
// --out through a symbolic link writes where the link points and the link stays a link: the target is the
// link's destination, with every folder on the way resolved, so the staging folder is made next to the real
// target (renames work only within one file system) and the final rename replaces the real folder.
import { lstatSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { asOutputError, refused } from "./output-error";
import { notPreviousOutput } from "./previous-output";

/** Symbolic links followed before giving up, as the kernel does (ELOOP). */
const MAX_LINKS = 40;

export interface OutputTarget {
  /** The folder the build replaces, every symbolic link resolved. */
  readonly target: string;
  readonly parent: string;
  readonly base: string;
  readonly exists: boolean;
}

export interface ClaimOptions {
  /** Folders the output may be neither equal to nor an ancestor of, besides the working and home folders (e.g. the policy's). */
  readonly protect?: readonly string[];
}

function missing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** The real path of `path`'s deepest existing ancestor, with the missing rest appended. */
function realFolder(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch (error) {
      if (!missing(error)) throw error;
      const up = dirname(current);
      if (up === current) return join(current, ...rest.reverse());
      rest.push(basename(current));
      current = up;
    }
  }
}

/** Follows `out` through symbolic links to the folder a build would replace. */
export function outputTarget(out: string): OutputTarget {
  let current = resolve(out);
  for (let hops = 0; ; hops++) {
    current = join(realFolder(dirname(current)), basename(current));
    let link: boolean;
    try {
      link = lstatSync(current).isSymbolicLink();
    } catch (error) {
      if (missing(error)) return { target: current, parent: dirname(current), base: basename(current), exists: false };
      throw error;
    }
    if (!link) return { target: current, parent: dirname(current), base: basename(current), exists: true };
    if (hops >= MAX_LINKS) throw refused(out, `it is a chain of more than ${MAX_LINKS} symbolic links`);
    current = resolve(dirname(current), readlinkSync(current));
  }
}

/** `a` is `b` or a folder above it. */
function covers(a: string, b: string): boolean {
  const r = relative(a, b);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function protectedReason(target: string, protect: readonly string[]): string | null {
  if (dirname(target) === target) return "it is the root of the file system";
  const guarded: [string, string][] = [
    [realOrSelf(process.cwd()), "the working directory"],
    [realOrSelf(homedir()), "the home folder"],
    ...protect.map((p): [string, string] => [realOrSelf(p), "the policy's folder"]),
  ];
  for (const [folder, what] of guarded) {
    if (target === folder) return `it is ${what}`;
    if (covers(target, folder)) return `it holds ${what} (${folder})`;
  }
  return null;
}

/**
 * Resolves `out` and checks that a build may replace it; throws MESH020 (refused) or MESH021 (the OS refused
 * to let it be read) otherwise. Reads only: nothing is created, changed or removed.
 */
export function claimOutputFolder(out: string, options: ClaimOptions = {}): OutputTarget {
  if (out.trim() === "") throw refused(out, "--out is empty (it would name the working directory)");
  try {
    const found = outputTarget(out);
    const shown = found.target === resolve(out) ? out : `${out} (→ ${found.target})`;
    const guard = protectedReason(found.target, options.protect ?? []);
    if (guard) throw refused(shown, guard);
    if (!found.exists) return found;
    const stat = lstatSync(found.target);
    if (!stat.isDirectory()) throw refused(shown, "it is a file, not a folder");
    const entries = readdirSync(found.target, { withFileTypes: true });
    if (entries.length === 0) return found;
    const why = notPreviousOutput(found.target, entries);
    if (why) throw refused(shown, why, "meshc replaces only a missing or empty folder or its own earlier output: choose another --out, or empty this one yourself");
    return found;
  } catch (error) {
    throw asOutputError(error, out);
  }
}
