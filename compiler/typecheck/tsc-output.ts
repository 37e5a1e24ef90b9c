// Parses what `tsc --pretty false` prints: one `file(line,col): error TSnnnn: message` line per diagnostic,
// its message chain on the following lines indented two spaces per level, and `error TSnnnn: message` for
// diagnostics without a file (bad options). Line and column are 1-based, the column in UTF-16 code units
// (checked against the native compiler with non-ASCII text), the same convention as diagnostics/position.ts.

export type TscCategory = "error" | "warning" | "message";

export interface TscDiagnostic {
  /** As printed: relative to tsc's working directory, or absolute. Undefined for global diagnostics. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly category: TscCategory;
  /** `TS2339` */
  readonly code: string;
  /** The whole message chain, one line per level, nested levels indented by two spaces (as tsc prints it). */
  readonly message: string;
}

// Lazy on the file name: a message may quote user text such as "(1,2): error TS1: ", a path will not.
const LOCATED = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning|message) (TS\d+): (.*)$/;

/** Splits tsc's output into diagnostics; lines that are neither a diagnostic nor a continuation are ignored. */
export function parseTscOutput(output: string): TscDiagnostic[] {
  const result: TscDiagnostic[] = [];
  let current: { -readonly [K in keyof TscDiagnostic]: TscDiagnostic[K] } | undefined;
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (current && line.startsWith("  ")) {
      current.message += `\n${line}`;
      continue;
    }
    const located = LOCATED.exec(line);
    const global = located ? null : GLOBAL.exec(line);
    if (located) {
      current = {
        file: located[1]!,
        line: Number(located[2]),
        column: Number(located[3]),
        category: located[4] as TscCategory,
        code: located[5]!,
        message: located[6]!,
      };
    } else if (global) {
      current = { category: global[1] as TscCategory, code: global[2]!, message: global[3]! };
    } else {
      current = undefined;
      continue;
    }
    result.push(current);
  }
  return result;
}
