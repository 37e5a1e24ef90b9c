// The temporary siblings a write makes next to its target (the staging folder, the previous output while it
// is swapped out, a file being replaced), and the clean-up of those an interrupted meshc left behind.
//
// A name says whose it is: `.<target>.meshc-<kind>-<host>-<pid>-<random>`. A `kill -9` cannot run clean-up
// code, so the next write into the same target removes the temporaries of writers that are gone. "Gone" must
// never be wrong for a live writer (two builds may write the same --out at once): a temporary is removed only
// when its host tag is this machine's and no process has its pid (kill(pid, 0) fails with ESRCH). A pid that
// was reused keeps its temporary until that process ends, which errs on the safe side. Temporaries of another
// host (a shared or network folder, a container with another host name) are removed only once they are a
// day old: no build runs that long, and their pid means nothing here.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export type TemporaryKind = "new" | "old";

const FOREIGN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Eight hex digits naming this machine: a host name may hold characters a file name should not. */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

function prefix(base: string, kind: TemporaryKind): string {
  return `.${base}.meshc-${kind}-`;
}

/**
 * Creates a fresh, empty temporary folder next to `base` in `parent` (mkdtemp adds six random characters).
 * `pid` is the writer's; tests pass another to stand for a concurrent or dead build.
 */
export function makeTemporaryFolder(parent: string, base: string, kind: TemporaryKind, pid = process.pid): string {
  return mkdtempSync(join(parent, `${prefix(base, kind)}${HOST}-${pid}-`));
}

/** A temporary file name next to `base` (the caller writes it, then renames it over `base`). */
export function temporaryFileName(base: string): string {
  return `${prefix(base, "new")}${HOST}-${process.pid}-${Math.random().toString(36).slice(2, 8).padEnd(6, "0")}`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== "ESRCH";
  }
}

function stale(parent: string, name: string, host: string, pid: number): boolean {
  if (host === HOST) return !alive(pid);
  try {
    return Date.now() - statSync(join(parent, name)).mtimeMs > FOREIGN_MAX_AGE_MS;
  } catch {
    return false;
  }
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Removes the temporaries of `base` that dead writers left in `parent`. When the target itself is missing and
 * a dead writer had swapped the previous output out (killed between its two renames), that output is put back
 * first, so a build that then fails still leaves the previous output in place.
 */
export function removeStaleTemporaries(parent: string, base: string, targetExists: boolean): { readonly removed: string[]; readonly restored: boolean } {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return { removed: [], restored: false };
  }
  const pattern = new RegExp(`^\\.${escaped(base)}\\.meshc-(new|old)-([0-9a-f]{8})-([0-9]+)-[A-Za-z0-9]{6}$`);
  const removed: string[] = [];
  let restored = targetExists;
  for (const name of names.sort()) {
    const m = pattern.exec(name);
    if (!m || !stale(parent, name, m[2]!, Number(m[3]))) continue;
    if (m[1] === "old" && !restored) {
      try {
        renameSync(join(parent, name), join(parent, base));
        restored = true;
        continue;
      } catch {
        // fall through: remove it like any other leftover
      }
    }
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return { removed, restored: restored && !targetExists };
}
