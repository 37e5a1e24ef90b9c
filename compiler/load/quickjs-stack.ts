// QuickJS's stack trace format. Since QuickJS 2024 (here 2025-09-13) every bytecode frame carries a
// 1-based line and a 1-based column: `    at orders (meshc-policy.js:57:11)`, the column pointing at the
// failing token (an identifier, or the `(` of a call); native frames read `    at RegExp (native)` and
// are skipped. Older builds gave only the line; the column is therefore optional and source-map.ts maps a
// line alone to that line's first mapped column.

export interface StackFrame {
  readonly functionName: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, when the engine gives it. */
  readonly column?: number;
}

const FRAME = /^\s*at (.*) \((.+?):(\d+)(?::(\d+))?\)\s*$/;

export function parseQuickjsStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME.exec(line);
    if (!m) continue;
    frames.push({ functionName: m[1]!, file: m[2]!, line: Number(m[3]), ...(m[4] !== undefined ? { column: Number(m[4]) } : {}) });
  }
  return frames;
}
