// The atomic write, started before the build has finished (`meshc build`): the artifacts are written into the
// staging folder by a thread of their own as the targets make them, while this thread validates them, and the
// folder takes the output's place only once the build has succeeded. The output is replaced as a whole or not
// at all, as by writeAtomically: the staging folder is a temporary sibling (temporaries.ts) that a failed build
// removes and a killed one leaves to the next build's clean-up.
//
// At N = 1 000 the write was ~1 s at the end of the build with one core idle: the validation's helper had
// finished. Staged, it runs while both threads still work, and what is left at the end is the manifest and the
// rename.
//
// What was staged is checked against what the build returns: a path staged with other content, or staged and
// not returned, makes the commit throw the staging away and write the result afresh (writeAtomically). The build
// never does that; the check keeps "the output is the result" true whatever a caller stages.
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { Artifact } from "../../targets/target";
import { safeJoin, swap, writeAtomically } from "./atomic-write";
import { contentSha256, knownSha256 } from "./content-digest";
import { asOutputError } from "./output-error";
import { StagingFlow } from "./staging-flow";
import { type ClaimOptions, claimOutputFolder } from "./output-folder";
import type { StagingFailure, StagingMessage, StagingOp, StagingReply } from "./staging-thread";
import { makeTemporaryFolder, removeStaleTemporaries } from "./temporaries";

/** Characters handed to the thread and not yet written, past which batches wait (send). */
const MAX_AWAY = 16 * 1024 * 1024;

function startThread(stagingRoot: string, written: MessagePort): Worker {
  const entry = require.resolve("./staging-thread");
  // An eval'd thread resolves `require` from the working directory: both paths are absolute.
  const source = `${entry.endsWith(".ts") ? `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();` : ""}require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData: { stagingRoot, written }, transferList: [written] });
}

/** A failure from the thread as the error the file system raised, for asOutputError. */
function systemError(failed: StagingFailure): Error {
  return Object.assign(new Error(failed.message), failed);
}

export class StagedWrite {
  private readonly worker: Worker;
  private readonly reply: Promise<StagingReply>;
  private readonly exited: Promise<unknown>;
  /** Each staged path's content, to hold the commit to the build's result. */
  private readonly staged = new Map<string, string>();
  /** Each distinct content's first staged path (full), by its SHA-256: later paths are hard links to it. */
  private readonly firstPath = new Map<string, string>();
  private readonly flow: StagingFlow;
  /** Batches not handed over yet (send), and the length of their contents. */
  private readonly pending: { readonly ops: StagingOp[]; readonly length: number }[] = [];
  private spoiled = false;
  /** The most characters that were away at once (for tests of the bound). */
  mostAway = 0;
  private closed = false;

  private constructor(
    private readonly outDir: string,
    private readonly options: ClaimOptions,
    private readonly staging: string,
    private readonly maxAway: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.worker = startThread(staging, port2);
    // Whenever this thread's event loop turns (the validation's threads wait for each other now and then), the
    // batches waiting go out as written ones are reported.
    this.flow = new StagingFlow(port1, () => this.send());
    this.exited = once(this.worker, "exit").catch(() => undefined);
    // Held open only while committing: a write given up without commit or abort (a caller's bug, a failed test)
    // does not keep the process alive, and its folder is a dead writer's for the next build to remove.
    this.worker.unref();
    this.reply = new Promise((resolve) => {
      const gone = (why: string) => resolve({ failed: { code: "EIO", syscall: "write", message: `the staging thread ${why}`, path: staging } });
      this.worker.once("message", resolve);
      this.worker.once("error", (error) => gone(`failed: ${error.message}`));
      this.worker.once("exit", (code) => gone(`exited (${code})`));
    });
  }

  /**
   * Checks that the build may replace `outDir` (MESH020/MESH021, before it spends its time), removes what
   * interrupted builds left, and makes the staging folder.
   */
  static open(outDir: string, options: ClaimOptions & { readonly maxAwayBytes?: number } = {}): StagedWrite {
    const claimed = claimOutputFolder(outDir, options);
    try {
      mkdirSync(claimed.parent, { recursive: true });
      removeStaleTemporaries(claimed.parent, claimed.base, claimed.exists);
      return new StagedWrite(outDir, options, makeTemporaryFolder(claimed.parent, claimed.base, "new"), options.maxAwayBytes ?? MAX_AWAY);
    } catch (error) {
      throw asOutputError(error, outDir);
    }
  }

  /** Hands artifacts to the thread; each distinct content is written once, its later paths linked to it. */
  stage(artifacts: readonly Artifact[]): void {
    if (this.closed) throw new Error("staged write already committed or aborted");
    const ops: StagingOp[] = [];
    let length = 0;
    for (const a of artifacts) {
      if (this.staged.has(a.path)) this.spoiled = true;
      this.staged.set(a.path, a.content);
      const full = safeJoin(this.staging, a.path);
      // By digest, which the manifest and the ConfigMaps' names need anyway (content-digest.ts holds it).
      let digest = knownSha256(a.content);
      if (digest === undefined) digest = contentSha256(a.content, Buffer.byteLength(a.content, "utf8") === a.content.length);
      const first = this.firstPath.get(digest);
      if (first !== undefined) ops.push([full, null, first]);
      else {
        this.firstPath.set(digest, full);
        ops.push([full, a.content]);
        length += a.content.length;
      }
    }
    if (!ops.length) return;
    this.pending.push({ ops, length });
    this.send();
  }

  /**
   * Hands over the batches waiting while less than `maxAway` characters are away: a thread that
   * falls behind does not make this one hold a second copy of everything in messages. A batch waiting is only
   * strings the build holds anyway.
   */
  private send(): void {
    this.flow.collect();
    while (this.pending.length > 0 && this.flow.away < this.maxAway) {
      const { ops, length } = this.pending.shift()!;
      this.worker.postMessage({ ops, length } satisfies StagingMessage);
      this.flow.sent(length);
      this.mostAway = Math.max(this.mostAway, this.flow.away);
    }
  }

  /** Everything waiting handed over, keeping under `maxAway`: the event loop turns between batches now. */
  private async sendAll(): Promise<void> {
    let gone = false;
    void this.reply.then(() => (gone = true));
    for (this.send(); this.pending.length > 0 && !gone; this.send()) await Promise.race([this.flow.written(), this.reply]);
  }

  /**
   * Makes `artifacts` the whole content of the output folder: writes what was not staged, waits for the thread,
   * and swaps the staging folder in. Throws as writeAtomically does; the previous output is then untouched.
   */
  async commit(artifacts: readonly Artifact[]): Promise<void> {
    const rest: Artifact[] = [];
    let stagedSeen = 0;
    for (const a of artifacts) {
      const content = this.staged.get(a.path);
      if (content === undefined) rest.push(a);
      else if (content !== a.content) this.spoiled = true;
      else stagedSeen++;
    }
    if (this.spoiled || stagedSeen !== this.staged.size) {
      await this.abort();
      return writeAtomically(this.outDir, artifacts, this.options);
    }
    this.stage(rest);
    this.closed = true;
    this.worker.ref();
    await this.sendAll();
    this.worker.postMessage({ end: true } satisfies StagingMessage);
    const reply = await this.reply;
    this.flow.close();
    try {
      if ("failed" in reply) throw systemError(reply.failed);
      const claimed = claimOutputFolder(this.outDir, this.options);
      const { restored } = removeStaleTemporaries(claimed.parent, claimed.base, claimed.exists);
      await swap(this.staging, claimed.target, claimed.parent, claimed.base, claimed.exists || restored);
    } catch (error) {
      await rm(this.staging, { recursive: true, force: true });
      throw asOutputError(error, this.outDir);
    } finally {
      await this.exited;
    }
  }

  /** The build failed: nothing is written, the staging folder goes. */
  async abort(): Promise<void> {
    this.closed = true;
    this.flow.close();
    await this.worker.terminate();
    await rm(this.staging, { recursive: true, force: true });
  }
}
