// JSON rendering for `--json`: one stable, documented shape (docs/cli.md). Paths are relative to cwd.
import { relative } from "node:path";
import type { Diagnostic, Span } from "./diagnostic";
import { positionOf } from "./position";
import type { SourceLookup } from "./render-pretty";

export interface JsonLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface JsonDiagnostic extends Partial<JsonLocation> {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly hint?: string;
  readonly path?: string;
  readonly related?: readonly (JsonLocation & { readonly message: string })[];
}

function locate(span: Span, sources: SourceLookup, cwd: string): JsonLocation {
  const text = sources(span.file) ?? "";
  const start = positionOf(text, span.start);
  const end = positionOf(text, span.start + span.length);
  return { file: relative(cwd, span.file) || span.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function toJson(d: Diagnostic, sources: SourceLookup, cwd = process.cwd()): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.span ? locate(d.span, sources, cwd) : {}),
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.path ? { path: d.path } : {}),
    ...(d.related?.length ? { related: d.related.flatMap((r) => (r.span ? [{ ...locate(r.span, sources, cwd), message: r.message }] : [])) } : {}),
  };
}
