// Turns a failed evaluation into its diagnostic: the deadline → MESH006, the memory limit → MESH007, a host
// API the sandbox does not have → MESH009, any other throw → MESH005 with the error's own message. The
// location is the innermost author frame of QuickJS's stack, mapped through the source map; without one
// (a thrown string has no stack) it is the entry's default export, whose evaluation failed.
import { codes, type Code } from "../diagnostics/codes";
import type { Diagnostic, Span } from "../diagnostics/diagnostic";
import { HOST_API_NAMES } from "./host-api-names";
import { parseQuickjsStack, type StackFrame } from "./quickjs-stack";
import { isOutOfMemory, type SandboxLimits, type SandboxOutcome, type Thrown } from "./sandbox";

export type EvaluationFailure = Exclude<SandboxOutcome, { kind: "value" }>;

export interface FailureContext {
  readonly limits: SandboxLimits;
  /** The name the bundle was evaluated under, as it appears in stack frames. */
  readonly bundleName: string;
  /** The author span of the innermost author frame, if any. */
  readonly spanOfFrames: (frames: readonly StackFrame[]) => Span | undefined;
  /** Where to point when the stack names no author frame: the entry's default export. */
  readonly fallback: Span;
}

/** QuickJS's ReferenceError message for an unknown global. */
const NOT_DEFINED = /^'?([A-Za-z_$][A-Za-z0-9_$]*)'? is not defined$/;
/**
 * The prefix deterministic-builtins.ts throws with. Not imported from there: that module's whole point is
 * its side effects, which must run in the sandbox only (test/load/sandbox.test.ts ties the two together).
 */
const NONDETERMINISTIC = "nondeterministic:";

/** esbuild's shim for a `require(x)` it could not bundle (x not a string literal), when `require` is absent. */
const DYNAMIC_REQUIRE = /^Dynamic require of "(.*)" is not supported$/;

function diagnostic(code: Code, message: string, span: Span, hint?: string): Diagnostic {
  return { code, severity: codes[code].severity, message, span, ...(hint ? { hint } : {}) };
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function ofThrown(thrown: Thrown, deadline: boolean, heapFull: boolean, context: FailureContext): Diagnostic {
  const frames = parseQuickjsStack(thrown.stack ?? "");
  const located = context.spanOfFrames(frames);
  const span = located ?? context.fallback;
  // QuickJS records positions only at operations that can throw (calls, property reads …); a loop without
  // one, like `while (true) {}`, reports the last such operation before it, often in dsl/, so "where" is
  // then the evaluation as a whole.
  const where = located ? "; it was stopped here" : "";
  // Only our interrupt handler sets `deadline`; a policy throwing its own "interrupted" error is a throw.
  if (deadline) return diagnostic("MESH006", `the policy was still running after ${context.limits.timeoutMs} ms${where}.`, span);
  if (heapFull || isOutOfMemory(thrown)) return diagnostic("MESH007", `the policy needed more than the memory limit of ${mib(context.limits.memoryLimitBytes)} while evaluating${where}.`, span);
  // A parse error of the bundle itself (its only frame is nameless): syntax esbuild passed through but
  // QuickJS does not support. A SyntaxError from eval() inside the policy is an ordinary throw.
  if (thrown.name === "SyntaxError" && frames.length === 1 && frames[0]!.functionName === "" && frames[0]!.file === context.bundleName) {
    return diagnostic("MESH001", `the sandbox's JavaScript engine cannot parse this: ${thrown.message}`, span);
  }
  const notDefined = thrown.name === "ReferenceError" ? NOT_DEFINED.exec(thrown.message)?.[1] : undefined;
  if (notDefined !== undefined && HOST_API_NAMES.has(notDefined)) {
    return diagnostic("MESH009", `'${notDefined}' is a host API; a policy is evaluated without one (no file system, network, process, environment, timers or console).`, span);
  }
  if (thrown.name === "Error" && thrown.message.startsWith(NONDETERMINISTIC)) {
    return diagnostic("MESH015", `${thrown.message.slice(NONDETERMINISTIC.length).trim()}, so two builds of this policy would differ.`, span);
  }
  const required = DYNAMIC_REQUIRE.exec(thrown.message)?.[1];
  if (required !== undefined) return diagnostic("MESH009", `require("${required}") needs the host's module system, which a policy does not have.`, span);
  const message = thrown.name ? `${thrown.name}: ${thrown.message}` : `the policy threw ${thrown.message}`;
  const hint = thrown.name === "InternalError" && thrown.message === "stack overflow" ? "is there a recursion without an end?" : undefined;
  return diagnostic("MESH005", message, span, hint);
}

export function diagnosticOfFailure(failure: EvaluationFailure, context: FailureContext): Diagnostic {
  switch (failure.kind) {
    case "threw":
      return ofThrown(failure.thrown, failure.deadline, failure.heapFull, context);
    case "host-stack-overflow":
      return diagnostic("MESH005", "the policy overflowed the stack while it was evaluated (code or data nested too deeply, or a recursion without an end).", context.fallback);
    case "no-outcome":
      return diagnostic("MESH900", "the sandbox finished without the policy's serialized value (did the policy redefine meshc's result global?).", context.fallback);
    case "crashed":
      return diagnostic("MESH900", `the sandbox failed: ${failure.message}`, context.fallback);
  }
}
