// Runs a command under GNU time to learn its peak resident memory. wait4() reports the larger of the
// process's own peak and that of any child it waited for, so a spawned native tsc is counted too.
import { spawnSync } from "node:child_process";

export interface Measured {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** Peak resident set size of the largest process in the tree, in MB. */
  readonly peakMb: number;
  readonly wallMs: number;
}

const MARK = "meshc-peak-kb=";

export function runMeasured(command: string, args: readonly string[], cwd: string): Measured {
  const start = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", `${MARK}%M`, command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const wallMs = performance.now() - start;
  if (run.error) throw run.error;
  const marker = run.stderr.lastIndexOf(MARK);
  const peakKb = marker >= 0 ? Number(run.stderr.slice(marker + MARK.length).trim()) : NaN;
  return { stdout: run.stdout, stderr: marker >= 0 ? run.stderr.slice(0, marker) : run.stderr, status: run.status, peakMb: peakKb / 1024, wallMs };
}
