/** 1-based line and column of an offset, as editors and tsc print them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const lineStarts = new Map<string, number[]>();

function startsOf(text: string): number[] {
  let starts = lineStarts.get(text);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    lineStarts.set(text, starts);
  }
  return starts;
}

/** Converts a 0-based offset into a 1-based line and column (column counted in UTF-16 units, like tsc). */
export function positionOf(text: string, offset: number): Position {
  const starts = startsOf(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Converts a 1-based line and column into a 0-based offset (clamped to the text). */
export function offsetOf(text: string, line: number, column: number): number {
  const starts = startsOf(text);
  const lineStart = starts[Math.min(Math.max(line, 1), starts.length) - 1]!;
  return Math.min(lineStart + Math.max(column, 1) - 1, text.length);
}

/** The text of the 1-based line, without its line break. */
export function lineText(text: string, line: number): string {
  const starts = startsOf(text);
  const start = starts[line - 1] ?? text.length;
  const end = starts[line] !== undefined ? starts[line]! - 1 : text.length;
  return text.slice(start, end).replace(/\r$/, "");
}
