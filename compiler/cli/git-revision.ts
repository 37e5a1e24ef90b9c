// `meshc diff --git <rev>`: the policy as it was at a revision of its git repository, extracted into a temporary
// folder (`git archive` of the entry's folder only: imports never leave it, compiler/load/import-rules.ts), so
// the working tree, the index and the repository's worktree list are never touched. git runs without a shell,
// and a revision that starts with "-" is refused, so no argument can become an option.
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

export interface RevisionCheckout {
  /** The entry file inside the temporary folder. */
  readonly entry: string;
  readonly remove: () => void;
}

function git(cwd: string, args: readonly string[]): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync("git", args, { cwd, maxBuffer: 1 << 30 });
  return { ok: r.status === 0, out: r.stdout ?? Buffer.alloc(0), err: (r.stderr?.toString() ?? r.error?.message ?? "").trim() };
}

/** The entry at `rev`; throws an Error with git's own words when the revision or the path does not exist there. */
export function checkoutRevision(entry: string, rev: string): RevisionCheckout {
  if (!rev || rev.startsWith("-")) throw new Error(`not a git revision: '${rev}'`);
  const folder = realpathSync(dirname(entry));
  const top = git(folder, ["rev-parse", "--show-toplevel"]);
  if (!top.ok) throw new Error(`${dirname(entry)} is not in a git repository (${top.err})`);
  const root = realpathSync(top.out.toString().trim());
  const inRepo = relative(root, folder) || ".";
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (!commit.ok) throw new Error(`unknown git revision '${rev}'`);
  const tar = git(root, ["archive", "--format=tar", commit.out.toString().trim(), "--", inRepo]);
  if (!tar.ok) throw new Error(`${inRepo} does not exist at ${rev} (${tar.err})`);
  const dir = mkdtempSync(join(tmpdir(), "meshc-diff-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const untar = spawnSync("tar", ["-x", "-f", "-", "-C", dir], { input: tar.out });
  if (untar.status !== 0) {
    remove();
    throw new Error(`could not extract ${rev}: ${untar.stderr?.toString().trim()}`);
  }
  return { entry: join(dir, inRepo, relative(folder, realpathSync(entry))), remove };
}
