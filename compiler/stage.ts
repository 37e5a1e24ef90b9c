// What the build driver and the incremental builder share about running a stage: timing it, and turning a
// stage that threw (a meshc bug, never the author's) into a MESH900 diagnostic instead of a crash.
import { codes } from "./diagnostics/codes";
import type { Diagnostic } from "./diagnostics/diagnostic";

export function timed<T>(timings: Record<string, number>, phase: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
  }
}

export function internalError(stage: string, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return { code: "MESH900", severity: codes.MESH900.severity, message: `${stage} failed: ${detail}`, path: "mesh" };
}
