// How much JavaScript heap a one-shot command's thread gets (command-thread.ts). Node's default old generation is
// about a quarter of physical memory, capped near 4 GiB on 64-bit machines (V8's heap configuration), whatever
// the machine has: a 10 000-service build holds ~5 GiB of output and runs out of it (issue 19). So the thread's
// limit is sized to the machine: its memory (or the cgroup's limit, for a container) less room for the TypeScript
// checker's process, which runs beside it (tsc7 is native and not in this heap), and for the OS; never less than
// Node's own default, so a small machine gets what it got before. MESHC_MAX_HEAP_MB, or Node's
// --max-old-space-size, sets it outright.
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

/** Left to the tsc7 type check (its resident set at 10 000 services) and the OS beside the heap. */
export const RESERVED_MB = 2048;
/**
 * The young generation: V8 splits it into two semi-spaces and a large-object space of the same size, so 192 MiB
 * is 64 MiB semi-spaces instead of Node's 16 MiB. A scavenge costs about what survives plus the old objects that
 * point into the young ones, which grow with the heap; at mesh scale most of a build's allocations are transient
 * strings, and four times fewer scavenges was most of the gap between N = 1 000 and N = 10 000 (docs/benchmark.md).
 */
export const YOUNG_GENERATION_MB = 192;
export const HEAP_ENV = "MESHC_MAX_HEAP_MB";

export interface HeapLimits {
  readonly maxOldGenerationSizeMb: number;
  readonly maxYoungGenerationSizeMb: number;
  /** Where the old generation's limit came from, for the out-of-memory message. */
  readonly from: "machine" | typeof HEAP_ENV | "--max-old-space-size";
}

export interface Machine {
  /** Physical memory, MiB. */
  readonly totalMb: number;
  /** The cgroup's memory limit, MiB, when there is one below physical memory. */
  readonly constrainedMb?: number;
  /** Node's default old generation limit on this machine, MiB. */
  readonly defaultHeapMb: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Node's own options: process.execArgv and NODE_OPTIONS, split. */
  readonly nodeOptions: readonly string[];
}

function positiveMb(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const mb = Number(text.trim());
  return mb > 0 ? mb : undefined;
}

/** The value of --max-old-space-size (V8 also takes underscores, and the value as the next argument). */
export function maxOldSpaceOption(options: readonly string[]): number | undefined {
  let found: number | undefined;
  options.forEach((option, i) => {
    const m = /^--max[-_]old[-_]space[-_]size(?:=(.*))?$/.exec(option);
    if (m) found = positiveMb(m[1] ?? options[i + 1]) ?? found;
  });
  return found;
}

/** The thread's limits on `machine`, or why MESHC_MAX_HEAP_MB cannot be used (a usage error: exit 2). */
export function heapLimits(machine: Machine): HeapLimits | { readonly usage: string } {
  const young = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const set = machine.env[HEAP_ENV];
  if (set !== undefined && set !== "") {
    const fromEnv = positiveMb(set);
    if (fromEnv === undefined) return { usage: `${HEAP_ENV} must be a positive whole number of MiB, not ${JSON.stringify(set)}` };
    return { maxOldGenerationSizeMb: fromEnv, ...young, from: HEAP_ENV };
  }
  const fromNode = maxOldSpaceOption(machine.nodeOptions);
  if (fromNode !== undefined) return { maxOldGenerationSizeMb: fromNode, ...young, from: "--max-old-space-size" };
  const memory = Math.min(machine.totalMb, machine.constrainedMb ?? Infinity);
  const sized = Math.floor(memory - RESERVED_MB - YOUNG_GENERATION_MB);
  return { maxOldGenerationSizeMb: Math.max(machine.defaultHeapMb, sized), ...young, from: "machine" };
}

/** This process's machine. */
export function thisMachine(): Machine {
  const mb = (bytes: number) => Math.floor(bytes / 2 ** 20);
  // Node 20 answers 2^64 (cgroup v1's "no limit") or 0 when nothing constrains the process.
  const constrained = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : undefined;
  const totalMb = mb(totalmem());
  return {
    totalMb,
    constrainedMb: constrained && mb(constrained) < totalMb ? mb(constrained) : undefined,
    defaultHeapMb: mb(getHeapStatistics().heap_size_limit),
    env: process.env,
    nodeOptions: [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean)],
  };
}
