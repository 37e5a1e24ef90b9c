// The staged write's buffers: each batch of contents goes to the staging thread UTF-8 encoded in one buffer that
// is handed over, not copied, and handed back once written. Handed back, a buffer is used again: the thread that
// writes allocates almost nothing, so its garbage collector would seldom run and free them, and the build's
// resident set grew by what was in flight (~70 MiB at N = 1 000).
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";

/** Below this a batch still gets a buffer this large, so one buffer serves most batches. */
const MIN_BYTES = 256 * 1024;
/** Buffers kept for use again; more come back only when the thread lags, and are left to the collector. */
const KEPT = 8;

export class StagingBuffers {
  private readonly free: ArrayBuffer[] = [];

  /** `written` is where the thread hands each buffer back (read without waiting, between batches). */
  constructor(private readonly written: MessagePort) {}

  /** A buffer of at least `size` bytes that no one else holds. */
  take(size: number): ArrayBuffer {
    for (let m = receiveMessageOnPort(this.written); m; m = receiveMessageOnPort(this.written)) {
      if (this.free.length < KEPT) this.free.push(m.message as ArrayBuffer);
    }
    const i = this.free.findIndex((b) => b.byteLength >= size);
    if (i >= 0) return this.free.splice(i, 1)[0]!;
    // Its own memory, not Buffer's shared pool, so it can be handed over.
    return new ArrayBuffer(Math.max(size, MIN_BYTES));
  }

  close(): void {
    this.free.length = 0;
    this.written.close();
  }
}
