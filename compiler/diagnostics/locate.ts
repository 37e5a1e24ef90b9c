// Turns model paths into source spans. Until the AST locator lands, a diagnostic that only has a path is
// placed at the entry's defineMesh call so it still carries a file:line:col.
import type { Diagnostic } from "./diagnostic";

export interface LocateInput {
  readonly entry: string;
  readonly files: readonly string[];
  readonly sources: ReadonlyMap<string, string>;
}

export function locate(diagnostics: readonly Diagnostic[], input: LocateInput): Diagnostic[] {
  const text = input.sources.get(input.entry) ?? "";
  const at = Math.max(0, text.indexOf("defineMesh("));
  return diagnostics.map((d) => (d.span ? d : { ...d, span: { file: input.entry, start: at, length: "defineMesh".length } }));
}
