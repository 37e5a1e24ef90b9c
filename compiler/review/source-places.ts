// Where a model value is written in the author's files (file:line:column), for tools that point a reader at the
// policy: explain names the route that matched, diff the lines a change touches. The locator the checks use
// (diagnostics/locate.ts) does the walk through the TypeScript syntax; a value the author never wrote (an
// implicit default route) is found where it comes from.
import { relative } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { locate } from "../diagnostics/locate";
import { positionOf } from "../diagnostics/position";
import type { SourcePlace } from "./source-place";

export type { SourcePlace } from "./source-place";
export { placeText } from "./source-place";

export interface PolicySources {
  readonly entry: string;
  readonly sources: ReadonlyMap<string, string>;
}

/** Places of the given model paths, in one pass of the locator; a path it cannot find maps to undefined. */
export function sourcePlaces(policy: PolicySources, paths: readonly string[], cwd = process.cwd()): Map<string, SourcePlace | undefined> {
  const probes: Diagnostic[] = paths.map((path) => ({ code: "MESH000", severity: "warning", message: path, path }));
  const located = locate(probes, { entry: policy.entry, files: [...policy.sources.keys()], sources: policy.sources });
  const places = new Map<string, SourcePlace | undefined>();
  for (const d of located) {
    const span = d.span;
    const text = span ? policy.sources.get(span.file) : undefined;
    if (!span || text === undefined || span.length === 0) {
      places.set(d.message, undefined);
      continue;
    }
    const { line, column } = positionOf(text, span.start);
    const rel = relative(cwd, span.file);
    places.set(d.message, { file: rel && !rel.startsWith("..") ? rel : span.file, line, column });
  }
  return places;
}
