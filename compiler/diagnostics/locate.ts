// Diagnostics that name a model path get their span from the author's syntax (locate-spans.ts). That walk
// needs TypeScript's parser, and ts-morph takes 0.5–1 s to load: a build whose findings all carry spans
// already (every clean build) never loads it.
import type { Diagnostic } from "./diagnostic";

export interface LocateInput {
  readonly entry: string;
  readonly files: readonly string[];
  readonly sources: ReadonlyMap<string, string>;
}

/** Fills `span` (and related spans) from model paths; diagnostics that already have a span are kept as they are. */
export function locate(diagnostics: readonly Diagnostic[], input: LocateInput): Diagnostic[] {
  const needs = diagnostics.some((d) => (!d.span && d.path) || d.related?.some((r) => !r.span && r.path));
  if (!needs) return diagnostics.map((d) => d);
  const { locateSpans } = require("./locate-spans") as typeof import("./locate-spans");
  return locateSpans(diagnostics, input);
}
