// Shared by the load suites: where the fixtures are, and locations printed the way diagnostics print them
// (1-based line:column from positionOf), so a test compares "file:line:col" strings.
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic";
import { positionOf } from "../../compiler/diagnostics/position";

export const FIXTURES = resolve(__dirname, "../fixtures/load");

/** The absolute path of a fixture's file (its entry by default). */
export function fixture(name: string, file = "mesh.ts"): string {
  return join(FIXTURES, name, file);
}

/** `file:line:col` of the first occurrence of `needle` in a file (the `nth` one, counted from 0). */
export function at(file: string, needle: string, nth = 0, base = FIXTURES): string {
  const text = readFileSync(file, "utf8");
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} is not in ${file}`);
  const { line, column } = positionOf(text, offset);
  return `${relative(base, file)}:${line}:${column}`;
}

/** Where a diagnostic points, as `file:line:col` relative to `base`. */
export function located(diagnostic: Diagnostic, sources: ReadonlyMap<string, string>, base = FIXTURES): string {
  const span = diagnostic.span;
  if (!span) return "(no span)";
  const text = sources.get(span.file) ?? readFileSync(span.file, "utf8");
  const { line, column } = positionOf(text, span.start);
  return `${relative(base, span.file)}:${line}:${column}`;
}
