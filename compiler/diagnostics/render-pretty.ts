// Text rendering: `file:line:col  error MESH012  message`, then the source line with a squiggle under the
// span, the hint, and related locations — the shape tsc and esbuild print, so problem matchers and eyes agree.
import { relative } from "node:path";
import type { Diagnostic, Span } from "./diagnostic";
import { lineText, positionOf } from "./position";

export type SourceLookup = (file: string) => string | undefined;

function where(span: Span | undefined, sources: SourceLookup, cwd: string): string {
  if (!span) return "";
  const text = sources(span.file);
  const name = relative(cwd, span.file) || span.file;
  if (text === undefined) return `${name}`;
  const { line, column } = positionOf(text, span.start);
  return `${name}:${line}:${column}`;
}

function excerpt(span: Span, sources: SourceLookup): string[] {
  const text = sources(span.file);
  if (text === undefined) return [];
  const { line, column } = positionOf(text, span.start);
  const source = lineText(text, line);
  const gutter = String(line);
  const width = Math.max(1, Math.min(span.length, source.length - column + 1));
  return [
    `${gutter} ${source}`,
    `${" ".repeat(gutter.length)} ${" ".repeat(column - 1)}${"~".repeat(width)}`,
  ];
}

export function renderPretty(d: Diagnostic, sources: SourceLookup, cwd = process.cwd()): string {
  const head = `${where(d.span, sources, cwd) || "meshc"}  ${d.severity} ${d.code}  ${d.message}`;
  const lines = [head];
  if (d.span) lines.push("", ...excerpt(d.span, sources).map((l) => `  ${l}`));
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    if (!r.span) continue;
    lines.push("", `  ${where(r.span, sources, cwd)}: ${r.message}`, ...excerpt(r.span, sources).map((l) => `    ${l}`));
  }
  return lines.join("\n") + "\n";
}

export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
