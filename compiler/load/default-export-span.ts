// Where the entry file exports its default: the span MESH008 (not a mesh) and MESH011 (not plain data)
// point at until the locator maps model paths to AST nodes, and the fallback for an evaluation failure
// QuickJS could not place. esbuild (already running for the bundle) re-prints the entry with every top-
// level statement at the start of a line and no comments, so the `export default` statement is found in
// its output by a line-anchored match and mapped back through the transform's source map. (Requiring
// TypeScript's parser for this costs ~0.5 s per process; the transform costs ~1 ms.)
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { transform } from "esbuild";
import type { Span } from "../diagnostics/diagnostic";
import { offsetOf } from "../diagnostics/position";

/** `export default …`, or a `name as default` specifier inside `export { … }` (esbuild prints one per line). */
const DEFAULT_EXPORT = /^export default\b|^ {2}(?:[A-Za-z_$][A-Za-z0-9_$]*) as default\b/m;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) };
}

/** The `export default` keywords (or the `x as default` specifier); the file's start if there is none. */
export async function defaultExportSpan(file: string, text: string): Promise<Span> {
  const none: Span = { file, start: 0, length: 0 };
  let printed: { code: string; map: string };
  try {
    printed = await transform(text, { loader: "ts", sourcemap: "external", sourcefile: file, logLevel: "silent" });
  } catch {
    return none;
  }
  const match = DEFAULT_EXPORT.exec(printed.code);
  if (!match) return none;
  const at = match.index + (match[0].startsWith("export") ? 0 : 2);
  const generated = lineAndColumn(printed.code, at);
  const original = originalPositionFor(new TraceMap(printed.map), { line: generated.line, column: generated.column });
  if (original.line === null) return none;
  const start = offsetOf(text, original.line, original.column + 1);
  const keywords = /^export\s+default\b/.exec(text.slice(start));
  const length = keywords ? keywords[0].length : (/^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(start))?.[0].length ?? 0);
  return { file, start, length };
}
