// Runs a checker straight on a tsconfig (no meshc around it), so DSL alternatives can be compared on equal
// terms: the native TypeScript 7 binary, or TypeScript 6's classic tsc.js under Node. `--extendedDiagnostics`
// gives the compiler's own check time and memory; GNU time gives the process's peak RSS.
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { runMeasured } from "./peak-rss";

export type DirectChecker = "tsc7" | "ts6";

export interface DirectResult {
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  /** What the compiler reports as "Memory used" (heap in use), in MB. */
  readonly memoryMb: number;
  readonly peakMb: number;
  /** Error codes reported, e.g. ["TS2589"]. */
  readonly errors: readonly string[];
}

async function tsc7Executable(): Promise<string> {
  const packageDir = dirname(require.resolve("typescript7/package.json"));
  const loaded = (await import(pathToFileURL(join(packageDir, "lib", "getExePath.js")).href)) as { default: () => string };
  return loaded.default();
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([0-9.]+)([sK]?)`, "m").exec(output);
  if (!match) return NaN;
  return match[2] === "K" ? Number(match[1]) / 1024 : Number(match[1]);
}

export async function checkDirect(checker: DirectChecker, tsconfig: string): Promise<DirectResult> {
  const args = ["-p", tsconfig, "--extendedDiagnostics", "--pretty", "false"];
  const run =
    checker === "tsc7"
      ? runMeasured(await tsc7Executable(), args, dirname(tsconfig))
      : runMeasured(process.execPath, ["--max-old-space-size=16000", require.resolve("typescript/lib/tsc.js"), ...args], dirname(tsconfig));
  const errors = [...new Set([...run.stdout.matchAll(/error (TS\d+):/g)].map((m) => m[1]!))].sort();
  return {
    checkSeconds: field(run.stdout, "Check time"),
    totalSeconds: field(run.stdout, "Total time"),
    memoryMb: field(run.stdout, "Memory used"),
    peakMb: run.peakMb,
    errors,
  };
}
