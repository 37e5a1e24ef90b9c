// One-shot commands (check, build, types, validate, inject, explain, diff, graph, report) run in a worker thread
// whose heap is sized to the machine (heap-limit.ts): Node's default heap is fixed at start, and a 10 000-service
// build does not fit it (issue 19). A thread, not a re-executed process: its limits are set where it is created
// (resourceLimits), no V8 flag changes under a running isolate, and the process keeps its pid, its signals (Ctrl-C
// and SIGTERM end the process and the thread with it, as they ended the command before) and its stdio.
// `serve`, `build --watch` and `lsp` stay on the main thread: they catch SIGINT and SIGTERM to close what they
// opened (stop-signal.ts), and signals reach only the main thread; lsp talks over the process's own stdin. Help,
// version and usage errors stay there too (nothing to size, and `meshc --help` should not wait for a thread).
//
// This file is loaded by bin/meshc.js before anything else, so it imports only Node's own modules and heap-limit.
import { Worker } from "node:worker_threads";
import { HEAP_ENV, type HeapLimits, heapLimits, thisMachine } from "./heap-limit";

const ONE_SHOT = new Set(["check", "build", "types", "validate", "inject", "explain", "diff", "graph", "report"]);
const STAYS = new Set(["--watch", "-h", "--help"]);

/** Whether `argv` names a one-shot command (the thread's); anything else, or any doubt, runs as before. */
export function runsInThread(argv: readonly string[]): boolean {
  return ONE_SHOT.has(argv[0] ?? "") && !argv.some((a) => STAYS.has(a));
}

/** What the thread sends: its output as the command wrote it, then the exit status. */
export type ThreadMessage = { readonly out: string } | { readonly err: string } | { readonly status: number };

export interface ThreadIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const stdio: ThreadIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

/** The one line for a thread that ran out of heap: what happened, and how to give it more. */
export function outOfHeapMessage(command: string, limits: HeapLimits): string {
  const set = limits.from === HEAP_ENV ? `${HEAP_ENV}` : `${HEAP_ENV} (in MiB)`;
  return `meshc: ${command} ran out of memory: its JavaScript heap is limited to ${limits.maxOldGenerationSizeMb} MiB (${limits.from === "machine" ? "sized to this machine" : `set by ${limits.from}`}); set ${set} to a larger value to raise it\n`;
}

/**
 * Runs `meshc <argv>` in a worker thread with `limits` and resolves with its exit status. `entry` is the thread's
 * module (command-thread-entry), loaded through tsx when it is TypeScript, as bin/meshc.js loads the CLI.
 */
export function runInThread(argv: readonly string[], limits: HeapLimits, io: ThreadIo = stdio): Promise<number> {
  const entry = require.resolve("./command-thread-entry");
  // An eval'd thread resolves `require` from the working directory, which may be anywhere: both paths are absolute.
  const source = `${entry.endsWith(".ts") ? `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();` : ""}require(${JSON.stringify(entry)});`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { argv: [...argv] },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb },
  });
  return new Promise((resolve) => {
    let status: number | undefined;
    worker.on("message", (m: ThreadMessage) => {
      if ("out" in m) io.out(m.out);
      else if ("err" in m) io.err(m.err);
      else status = m.status;
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") io.err(outOfHeapMessage(argv[0]!, limits));
      else io.err(`meshc: internal error: ${error.message}\n`);
      status = 2;
    });
    worker.on("exit", (code) => resolve(status ?? code));
  });
}

/** bin/meshc.js's entry: a one-shot command in its thread, anything else on this one as before. */
export function runCommand(argv: readonly string[]): Promise<number> {
  if (runsInThread(argv)) {
    const limits = heapLimits(thisMachine());
    if ("usage" in limits) {
      stdio.err(`meshc: ${limits.usage}\n`);
      return Promise.resolve(2);
    }
    return runInThread(argv, limits);
  }
  const { main } = require("./main") as typeof import("./main");
  return main(argv);
}
