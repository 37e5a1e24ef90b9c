// meshc's findings as LSP diagnostics: the range of the offending expression, the MESH code, the hint in the
// message, related locations, and (in `data`) what the quick fixes need: the model path and the hint.
import { pathToFileURL } from "node:url";
import { type Diagnostic as LspDiagnostic, DiagnosticSeverity, type Range } from "vscode-languageserver";
import type { Diagnostic, Span } from "../diagnostics/diagnostic";
import { positionOf } from "../diagnostics/position";

export interface FixData {
  readonly path?: string;
  readonly hint?: string;
  /** The first related location (MESH400: the callee's allowFrom), with its text. */
  readonly related?: { readonly uri: string; readonly range: Range; readonly text: string };
}

export function rangeOf(span: Span, text: string): Range {
  const start = positionOf(text, span.start);
  const end = positionOf(text, span.start + span.length);
  return { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } };
}

/** Diagnostics by file URI; `real` maps a mirror path to the author's file, `text` gives a file's current text. */
export function lspDiagnostics(diagnostics: readonly Diagnostic[], real: (path: string) => string, text: (path: string) => string | undefined): Map<string, LspDiagnostic[]> {
  const out = new Map<string, LspDiagnostic[]>();
  for (const d of diagnostics) {
    if (!d.span) continue;
    const source = text(d.span.file);
    if (source === undefined) continue;
    const uri = pathToFileURL(real(d.span.file)).href;
    const related = (d.related ?? []).flatMap((r) => {
      const t = r.span ? text(r.span.file) : undefined;
      return r.span && t !== undefined ? [{ location: { uri: pathToFileURL(real(r.span.file)).href, range: rangeOf(r.span, t) }, message: r.message, text: t.slice(r.span.start, r.span.start + r.span.length) }] : [];
    });
    const data: FixData = {
      ...(d.path ? { path: d.path } : {}),
      ...(d.hint ? { hint: d.hint } : {}),
      ...(related[0] ? { related: { uri: related[0].location.uri, range: related[0].location.range, text: related[0].text } } : {}),
    };
    const item: LspDiagnostic = {
      range: rangeOf(d.span, source),
      severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.code,
      source: "meshc",
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
      ...(related.length ? { relatedInformation: related.map((r) => ({ location: r.location, message: r.message })) } : {}),
      data,
    };
    out.set(uri, [...(out.get(uri) ?? []), item]);
  }
  return out;
}
