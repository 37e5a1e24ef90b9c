// The staged write's thread (staged-write.ts): it writes the artifacts into the staging folder as the targets
// make them, while the build goes on validating on the other core. One synchronous call after another: this
// thread has nothing else to do, and each call's cost is the kernel's.
//
// Only Node's own modules: it starts in tens of milliseconds and shares nothing with the build.
import { linkSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";

/** Write `content` at `path`, or (content null) hard-link `path` to `from`, a path written before it. */
export type StagingOp = readonly [path: string, content: string] | readonly [path: string, content: null, from: string];

/**
 * A batch of ops and the length of its contents, handed back once written (staging-flow.ts). The contents are
 * cloned strings, not transferred buffers: V8 counts a transferred buffer as new external memory in the thread
 * that receives it, and answers 64 MiB of it with a full collection, which at N = 10 000 (1.9 GB staged, a 5 GiB
 * heap) was most of the build's time.
 */
export type StagingMessage = { readonly ops: readonly StagingOp[]; readonly length: number } | { readonly end: true };

/** What the file system refused, in the fields `asOutputError` reads (an Error loses them on the way here). */
export interface StagingFailure {
  readonly code: string;
  readonly syscall: string;
  readonly message: string;
  readonly path?: string;
}

export type StagingReply = { readonly done: true } | { readonly failed: StagingFailure };

function failure(error: unknown): StagingFailure {
  const e = error as { code?: unknown; syscall?: unknown; message?: unknown; path?: unknown };
  return {
    code: typeof e.code === "string" ? e.code : "EIO",
    syscall: typeof e.syscall === "string" ? e.syscall : "write",
    message: typeof e.message === "string" ? e.message : String(error),
    ...(typeof e.path === "string" ? { path: e.path } : {}),
  };
}

/** Runs the ops in order into `root`; the first refusal stops the writing and is the answer at the end. */
function stagingWriter(root: string): { run(ops: readonly StagingOp[]): void; readonly failed: () => StagingFailure | undefined } {
  const folders = new Set<string>([root]);
  let failed: StagingFailure | undefined;
  const folderFor = (path: string) => {
    const folder = dirname(path);
    if (folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    for (let f = folder; !folders.has(f); f = dirname(f)) folders.add(f);
  };
  return {
    run(ops) {
      for (const op of ops) {
        if (failed) return;
        try {
          folderFor(op[0]);
          if (op[1] !== null) writeFileSync(op[0], op[1]);
          else linkOrWrite(op[2], op[0]);
        } catch (error) {
          failed = failure(error);
        }
      }
    },
    failed: () => failed,
  };
}

/** A hard link, or a copy where the file system cannot link (as the atomic write does). */
function linkOrWrite(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") throw error;
    // the copy is read back from the first path: this thread keeps no content once it is written
    writeFileSync(to, readFileSync(from));
  }
}

if (parentPort && workerData?.stagingRoot) {
  const port = parentPort;
  const written = workerData.written as MessagePort;
  const writer = stagingWriter(workerData.stagingRoot as string);
  port.on("message", (message: StagingMessage) => {
    if ("ops" in message) {
      writer.run(message.ops);
      // The build hands over more as batches are written (staging-flow.ts); it may be gone already.
      try {
        written.postMessage(message.length);
      } catch {
        // the build closed its end: nothing more will come
      }
      return;
    }
    const failed = writer.failed();
    port.postMessage((failed ? { failed } : { done: true }) satisfies StagingReply);
    written.close();
    port.close();
  });
}
