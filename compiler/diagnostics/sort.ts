import type { Diagnostic } from "./diagnostic";

function key(d: Diagnostic): string {
  return JSON.stringify([d.span?.file ?? "", d.span?.start ?? -1, d.code, d.message, d.path ?? ""]);
}

/** The one order of diagnostics: by file, position, code, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? "";
  const fb = b.span?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const pa = a.span?.start ?? -1;
  const pb = b.span?.start ?? -1;
  if (pa !== pb) return pa - pb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** De-duplicates (the same finding reached twice) and orders by file, position, then code: one order, decided here. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const unique = new Map<string, Diagnostic>();
  for (const d of diagnostics) if (!unique.has(key(d))) unique.set(key(d), d);
  return [...unique.values()].sort(compareDiagnostics);
}
