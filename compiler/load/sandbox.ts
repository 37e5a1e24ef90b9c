// Evaluates the bundled policy in QuickJS (compiled to WebAssembly): a separate JavaScript engine whose
// only world is its own heap. The context is given no host function at all, no console, no module loader,
// and pending jobs (promise callbacks) are never run, so the policy reaches nothing but the language's own
// built-ins. Each load gets a fresh runtime and context with three limits, and both are disposed after:
// - memory: the instance's WebAssembly heap cannot grow past the limit (quickjs-module.ts). QuickJS's own
//   limit (setMemoryLimit) is set too and refuses any single larger allocation, but under Emscripten it
//   cannot learn the size of a block (malloc_usable_size is unavailable; dumpMemoryUsage() says so) and
//   counts each as 8 bytes, so on its own a policy hoarding big strings is never stopped (measured: a
//   16 MiB "limit", 3 s of allocation, the heap at 248 MiB, no error);
// - stack: MAX_STACK_BYTES;
// - time: a deadline checked by QuickJS's interrupt handler, which it calls periodically while bytecode
//   runs, so `while (true) {}` stops too.
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";
import { OUTCOME_GLOBAL } from "./plain-data";
import { discardQuickjsInstance, quickjsInstance, type QuickjsInstance } from "./quickjs-module";

export interface SandboxLimits {
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
}

/**
 * QuickJS's stack limit. QuickJS measures its C stack in WebAssembly linear memory, but each of its C
 * frames also takes room on the host's native stack (Node's main thread: ~984 KiB), and if that runs out
 * first, V8 throws a RangeError straight through QuickJS's C code. Measured with quickjs-emscripten 0.32
 * (QuickJS 2025-09-13) on Node 20's main thread, the host stack ran out at these QuickJS limits:
 * plain recursion 399 KiB, callbacks through Array.prototype.map 351 KiB, getter recursion 319 KiB,
 * String() of nested arrays 231 KiB, JSON.stringify of a deep object 72 KiB, the parser on deeply nested
 * source (eval, new Function) below 32 KiB. 128 KiB keeps every ordinary kind of recursion (~680 plain
 * calls deep) a clean QuickJS "stack overflow" error with a stack trace; the deep-nesting cases that still
 * exhaust the host stack are caught in evaluate() and end the load with a diagnostic, never the process.
 */
export const MAX_STACK_BYTES = 128 * 1024;

/**
 * QuickJS reserves a function's local variables on the C stack when it is called, and esbuild hoists every
 * module's top-level declarations into the bundle's one IIFE: a 10 000-service policy gives that frame
 * ~10 000 locals (8 bytes each as wasm32 JSValues, plus its operand stack), which alone overflowed 128 KiB.
 * So the limit grows by a generous 16 bytes per top-level declaration of the bundle; recursion depth left
 * to the policy stays what MAX_STACK_BYTES gives. (esbuild indents the IIFE's top-level statements by two
 * spaces; counting them over-counts at worst, which only raises the limit a little.)
 */
export function stackBytesFor(code: string): number {
  const declarations = code.match(/^ {2}(?:var|let|const|function|class|async function) /gm)?.length ?? 0;
  return MAX_STACK_BYTES + 16 * declarations;
}

/** What was thrown, as QuickJS reports it. `stack` lines look like `    at f (meshc-policy.js:12:5)`. */
export interface Thrown {
  /** Set when an Error (or an object with a string `message`) was thrown. */
  readonly name?: string;
  /** The error's message; for anything else the thrown value written as a literal (`"text"`, `42`, `null`). */
  readonly message: string;
  readonly stack?: string;
}

export type SandboxOutcome =
  /** The script ran; `text` is what the serializer stored (JSON, untrusted). */
  | { readonly kind: "value"; readonly text: string }
  /**
   * The script threw. `deadline`: our interrupt handler stopped it (the throw is QuickJS's "interrupted").
   * `heapFull`: the heap had reached its maximum, so the throw was a failed allocation, even when QuickJS
   * had no memory left to build the error and threw null instead.
   */
  | { readonly kind: "threw"; readonly thrown: Thrown; readonly deadline: boolean; readonly heapFull: boolean }
  /** The script ran but left no outcome (the virtual entry always stores one, so the policy interfered). */
  | { readonly kind: "no-outcome" }
  /** The host's native stack ran out inside QuickJS (see MAX_STACK_BYTES); the instance was discarded. */
  | { readonly kind: "host-stack-overflow" }
  /** QuickJS itself failed (e.g. aborted); the instance was discarded. */
  | { readonly kind: "crashed"; readonly message: string };

function readThrown(context: QuickJSContext, error: QuickJSHandle): Thrown {
  // dump() reads name/message/stack of an Error, and JSON-converts anything else, inside QuickJS (so a
  // policy's toJSON or getters run there, under the same limits; after the deadline they stop at once).
  const dumped: unknown = context.dump(error);
  if (typeof dumped === "object" && dumped !== null && typeof (dumped as Thrown).message === "string") {
    const { name, message, stack } = dumped as Record<string, unknown>;
    return { message: message as string, ...(typeof name === "string" ? { name } : {}), ...(typeof stack === "string" ? { stack } : {}) };
  }
  // Not an Error: the thrown value itself, as the author would write it ("text", 42, null).
  return { message: JSON.stringify(dumped) ?? String(dumped) };
}

export function isOutOfMemory(thrown: Thrown): boolean {
  return thrown.name === "InternalError" && thrown.message === "out of memory";
}

// No try/finally below: if the host side throws, QuickJS's heap is in an unknown state and must not be
// called again, not even to free; evaluate() then discards the whole instance instead. Every QuickJS-level
// failure (a throw, running out of memory, the deadline) returns normally and is disposed here.
function run(context: QuickJSContext, code: string, filename: string, pastDeadline: () => boolean, heapFull: () => boolean): SandboxOutcome {
  // type "global": never let QuickJS guess "module" from the text (evalCode without options does).
  const result = context.evalCode(code, filename, { type: "global", strict: true });
  if (result.error) {
    const full = heapFull();
    const thrown = readThrown(context, result.error);
    result.error.dispose();
    return { kind: "threw", thrown, deadline: pastDeadline(), heapFull: full };
  }
  result.value.dispose();
  const outcome = context.getProp(context.global, OUTCOME_GLOBAL);
  const text = context.typeof(outcome) === "string" ? context.getString(outcome) : undefined;
  outcome.dispose();
  return text === undefined ? { kind: "no-outcome" } : { kind: "value", text };
}

/** Within one page of the maximum: the next allocation that needs the heap to grow fails. */
function isHeapFull(instance: QuickjsInstance): boolean {
  return instance.memory.buffer.byteLength > instance.maximumBytes - 64 * 1024;
}

function evaluateIn(instance: QuickjsInstance, code: string, filename: string, limits: SandboxLimits): SandboxOutcome {
  const runtime = instance.module.newRuntime();
  runtime.setMemoryLimit(limits.memoryLimitBytes);
  runtime.setMaxStackSize(stackBytesFor(code));
  const deadline = performance.now() + limits.timeoutMs;
  let stopped = false;
  runtime.setInterruptHandler(() => (stopped ||= performance.now() > deadline));
  const context = runtime.newContext();
  const outcome = run(context, code, filename, () => stopped, () => isHeapFull(instance));
  context.dispose();
  runtime.dispose();
  return outcome;
}

/** Evaluates `code` (named `filename` in stack traces) and returns what it left, or how it failed. */
export async function evaluate(code: string, filename: string, limits: SandboxLimits): Promise<SandboxOutcome> {
  const instance = await quickjsInstance(limits.memoryLimitBytes);
  try {
    const outcome = evaluateIn(instance, code, filename, limits);
    // Running out of memory cuts QuickJS's C code off wherever an allocation failed; whatever it could not
    // free stays in this heap, so the instance is not reused.
    if (outcome.kind === "threw" && (outcome.heapFull || isOutOfMemory(outcome.thrown))) discardQuickjsInstance(instance);
    return outcome;
  } catch (error) {
    // An exception from the host side: QuickJS's C code was cut off mid-way, its heap is in an unknown
    // state. The instance is discarded (its memory with it) instead of disposing into a broken heap.
    discardQuickjsInstance(instance);
    if (error instanceof RangeError) return { kind: "host-stack-overflow" };
    return { kind: "crashed", message: error instanceof Error ? error.message : String(error) };
  }
}
