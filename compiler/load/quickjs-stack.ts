// QuickJS's stack trace format. Since QuickJS 2024 (here 2025-09-13) every bytecode frame carries a
// 1-based line and a 1-based column: `    at orders (meshc-policy.js:57:11)`, the column pointing at the
// failing token (an identifier, or the `(` of a call); a parse error's frame has no function name
// (`    at meshc-policy.js:2:12`); native frames read `    at RegExp (native)` and are skipped. Older
// builds gave only the line; the column is therefore optional and source-map.ts maps a line alone to
// that line's first mapped column.

export interface StackFrame {
  readonly functionName: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, when the engine gives it. */
  readonly column?: number;
}

const CALL_FRAME = /^\s*at (.*) \((.+?):(\d+)(?::(\d+))?\)\s*$/;
const PARSE_FRAME = /^\s*at ([^\s()]+?):(\d+)(?::(\d+))?\s*$/;

export function parseQuickjsStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split("\n")) {
    const call = CALL_FRAME.exec(line);
    const parse = call ? undefined : PARSE_FRAME.exec(line);
    const [functionName, file, row, column] = call ? [call[1]!, call[2]!, call[3]!, call[4]] : parse ? ["", parse[1]!, parse[2]!, parse[3]] : [];
    if (file === undefined) continue;
    frames.push({ functionName: functionName!, file, line: Number(row), ...(column !== undefined ? { column: Number(column) } : {}) });
  }
  return frames;
}
