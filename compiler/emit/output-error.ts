// Why a build could not write its output, as data the CLI prints as one line with exit status 2: either meshc
// refused the folder (MESH020: it is not one meshc may replace) or the operating system refused a write
// (MESH021: read-only file system, full disk, no permission …). Neither is a meshc bug, so neither is an
// "internal error", and in both the previous output is left as it was.
import type { Diagnostic } from "../diagnostics/diagnostic";

export type OutputErrorCode = "MESH020" | "MESH021";

export class OutputError extends Error {
  constructor(
    readonly code: OutputErrorCode,
    /** The path the message is about (the output folder, or the file the OS refused). */
    readonly path: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  get diagnostic(): Diagnostic {
    return { code: this.code, severity: "error", message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** `--out` names a folder meshc may not replace. */
export function refused(path: string, why: string, hint?: string): OutputError {
  return new OutputError("MESH020", path, `refusing to replace ${JSON.stringify(path)}: ${why}. Nothing was changed.`, hint);
}

interface SystemError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly dest?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string" && typeof (error as { syscall?: unknown }).syscall === "string";
}

/**
 * The OS's own words for an errno error: Node writes "EROFS: read-only file system, mkdir '/x'", so the
 * reason is the text between the code and the first comma.
 */
function reasonOf(error: SystemError): string {
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message);
  return m ? m[1]! : error.message;
}

/**
 * Turns a file-system error met while writing (or reading) `target` into a MESH021 OutputError naming the path the OS
 * refused and its reason; anything else (a meshc bug) is returned unchanged, to surface as an internal error.
 */
export function asOutputError(error: unknown, target: string, verb: "write" | "read" = "write"): unknown {
  if (error instanceof OutputError || !isSystemError(error)) return error;
  const where = error.path ?? target;
  const about = where === target ? JSON.stringify(target) : `${JSON.stringify(target)} (at ${JSON.stringify(where)})`;
  const after = verb === "write" ? "; the previous output is untouched." : ".";
  return new OutputError("MESH021", where, `cannot ${verb} ${about}: ${reasonOf(error)} (${error.code})${after}`);
}
