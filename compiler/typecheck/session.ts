// A type-check session: the folder the native checker keeps between checks of one policy in one process
// (`meshc build --watch`, `meshc serve`). TypeScript's incremental build info there (tsconfig, registry and
// .tsbuildinfo at fixed paths) lets a re-check after a one-file change check only the files the change can
// affect: at 1 000 services the whole check takes ~0.75 s and the re-check after a team file's edit ~0.1 s,
// which is most of what a save costs before `meshc serve` can push.
//
// Only one process uses the folder, and its checks run one at a time (`exclusive`): two tsc runs writing one
// .tsbuildinfo would race. The folder is removed when the session closes or the process exits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TypecheckSession {
  /** The session's folder (created on first use). */
  folder(): string;
  /** Runs `work` after every earlier check of this session has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** The folders of sessions not closed yet, removed at exit (one listener for all of them). */
const open = new Set<string>();
let listening = false;

function removeAll(): void {
  for (const dir of open) rmSync(dir, { recursive: true, force: true });
  open.clear();
}

export function typecheckSession(): TypecheckSession {
  let dir: string | undefined;
  let last: Promise<unknown> = Promise.resolve();
  return {
    folder() {
      if (!dir) {
        dir = mkdtempSync(join(tmpdir(), "meshc-typecheck-session-"));
        open.add(dir);
        if (!listening) process.once("exit", removeAll);
        listening = true;
      }
      return dir;
    },
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const run = last.then(work, work);
      last = run.catch(() => undefined);
      return run;
    },
    close() {
      if (!dir) return;
      rmSync(dir, { recursive: true, force: true });
      open.delete(dir);
      dir = undefined;
    },
  };
}
