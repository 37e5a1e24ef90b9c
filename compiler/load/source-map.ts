// Maps positions in the bundle back to the author's files through esbuild's source map, and picks, from
// a QuickJS stack, the innermost frame that lies in an author file (a throw inside dsl/ or the serializer
// is reported where the author's code called it).
import { resolve } from "node:path";
import { decodedMappings, originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { Span } from "../diagnostics/diagnostic";
import { offsetOf } from "../diagnostics/position";
import type { StackFrame } from "./quickjs-stack";

/** A position in an author's file: absolute path, 1-based line, 0-based column (the source map's units). */
export interface OriginalPosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type PositionMapper = (line: number, column: number | undefined) => OriginalPosition | undefined;

/** `map` is esbuild's source map text, whose `sources` are relative to `root` (where the bundle would be). */
export function positionMapper(map: string, root: string): PositionMapper {
  const trace = new TraceMap(map);
  return (line, column) => {
    // Without a column, take the line's first mapped segment: the start of the statement on that line.
    const generatedColumn = column !== undefined ? column - 1 : decodedMappings(trace)[line - 1]?.find((segment) => segment.length >= 4)?.[0];
    if (generatedColumn === undefined) return undefined;
    const original = originalPositionFor(trace, { line, column: generatedColumn });
    if (original.source === null) return undefined;
    // Virtual modules keep their namespace prefix ("meshc-entry:policy") and never match an author file.
    return { file: resolve(root, original.source), line: original.line, column: original.column };
  };
}

const TOKEN = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/**
 * The span of the innermost stack frame in an author file: the frames of `bundleName` are mapped, the
 * first that lands in `sources` wins. The span covers the identifier at that spot, if there is one.
 */
export function authorSpanOf(frames: readonly StackFrame[], bundleName: string, mapPosition: PositionMapper, sources: ReadonlyMap<string, string>): Span | undefined {
  for (const frame of frames) {
    if (frame.file !== bundleName) continue;
    const position = mapPosition(frame.line, frame.column);
    const text = position && sources.get(position.file);
    if (!position || text === undefined) continue;
    const start = offsetOf(text, position.line, position.column + 1);
    return { file: position.file, start, length: TOKEN.exec(text.slice(start, start + 256))?.[0].length ?? 0 };
  }
  return undefined;
}
