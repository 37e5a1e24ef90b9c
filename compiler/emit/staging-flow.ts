// How much of the staged write is with its thread and not yet written (staged-write.ts): the thread reports each
// batch it has written, by the length of its contents, on a port of its own. Read without waiting between batches
// (collect: this thread does not turn its event loop while the targets run), and as messages when it does.
import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";

export class StagingFlow {
  /** Characters handed over and not reported written. */
  away = 0;
  private waiting: (() => void) | undefined;

  constructor(
    private readonly reports: MessagePort,
    onWritten: () => void,
  ) {
    reports.on("message", (length: number) => {
      this.away -= length;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.();
      onWritten();
    });
    // Not what keeps the process alive (StagedWrite decides that by its thread); after `on`, which refs the port.
    reports.unref();
  }

  sent(length: number): void {
    this.away += length;
  }

  /** Takes in the reports so far. */
  collect(): void {
    for (let m = receiveMessageOnPort(this.reports); m; m = receiveMessageOnPort(this.reports)) this.away -= m.message as number;
  }

  /** Settles at the next report. */
  written(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    this.reports.close();
  }
}
