// A diagnostic is data (Zod, TypeScript): collected in a list, never thrown. Offsets are stored;
// 1-based line:column is computed only when rendering.

export type Severity = "error" | "warning";

/** A place in an author's source file: absolute path plus a character offset span. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly length: number;
}

export interface RelatedInfo {
  /** Filled by the locator from `path` when a check only knows the model path. */
  readonly span?: Span;
  /** Model path of the related value, e.g. the earlier route that shadows this one. */
  readonly path?: string;
  readonly message: string;
}

export interface Diagnostic {
  /** `MESHnnn` for meshc's own, `TSnnnn` for TypeScript's. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where the author must look. Filled by the locator from `path` when a stage only knows the model path. */
  readonly span?: Span;
  /** Model path of the offending value, e.g. `services.orders.routes[1].to`. */
  readonly path?: string;
  readonly related?: readonly RelatedInfo[];
  /** How to fix it, e.g. "did you mean 'orders'?". */
  readonly hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
