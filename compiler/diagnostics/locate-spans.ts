// Turns model paths into source spans, through the TypeScript syntax of the author's files (source-index.ts,
// path-walk.ts). A value a service inherits is located where it is written: a route's timeout or retries at
// the service, a service's at the mesh `defaults`, capture options at the mesh's `capture`. Findings that land
// on the same span with the same message (one inherited mistake seen by several routes) become one.
import type { Node } from "ts-morph";
import type { Diagnostic, RelatedInfo, Span } from "./diagnostic";
import type { LocateInput } from "./locate";
import { type PathSegment, parsePath } from "./model-path";
import { walkPath, type Walk } from "./path-walk";
import { SourceIndex } from "./source-index";

interface Inheritance {
  /** The index of the inherited key in the path, when the rule applies to it. */
  readonly key: (s: readonly PathSegment[]) => number | undefined;
  /** The path it is inherited from, and the index of the inherited key in that path. */
  readonly to: (s: readonly PathSegment[]) => { readonly segments: PathSegment[]; readonly key: number };
  /** How far below the key the author's walk may have stopped (a capture list without the value). */
  readonly slack: number;
}

const ROUTE_INHERITS = new Set(["timeout", "retries"]);
const SERVICE_INHERITS = new Set(["timeout", "retries", "overload"]);

/** Where an absent value comes from, mirroring normalize's defaults (normalize/service.ts, normalize/mesh.ts). */
const INHERITANCE: readonly Inheritance[] = [
  {
    key: (s) => (s[0] === "services" && s[2] === "routes" && ROUTE_INHERITS.has(s[4] as string) ? 4 : undefined),
    to: (s) => ({ segments: [s[0]!, s[1]!, ...s.slice(4)], key: 2 }),
    slack: 0,
  },
  { key: (s) => (s[0] === "services" && SERVICE_INHERITS.has(s[2] as string) ? 2 : undefined), to: (s) => ({ segments: ["mesh", "defaults", ...s.slice(2)], key: 2 }), slack: 0 },
  { key: (s) => (s[0] === "services" && s[2] === "access" && s[3] === "mtls" ? 2 : undefined), to: () => ({ segments: ["mesh", "defaults", "mtls"], key: 2 }), slack: 1 },
  // Capture lists add up (normalize/capture.ts): a value missing from the service's list is the mesh's.
  { key: (s) => (s[0] === "services" && s[2] === "capture" ? 2 : undefined), to: (s) => ({ segments: ["mesh", ...s.slice(2)], key: s.length - 2 }), slack: 2 },
];

/** Walks the path; when it stops at (or just below) an inherited key the author left out, walks where it is inherited from. */
function walkInherited(index: SourceIndex, segments: readonly PathSegment[], pick: number, depth = 0): Walk | undefined {
  const walk = walkPath(index, segments, pick);
  if (!walk || walk.complete || depth > 4) return walk;
  for (const rule of INHERITANCE) {
    const key = rule.key(segments);
    if (key === undefined || walk.reached > key + rule.slack) continue;
    const target = rule.to(segments);
    const inherited = walkInherited(index, target.segments, 0, depth + 1);
    // Take the inherited place only if the inherited value is written there.
    if (inherited && (inherited.complete || inherited.reached > target.key)) return inherited;
  }
  return walk;
}

function spanOf(node: Node): Span {
  const start = node.getStart();
  return { file: node.getSourceFile().getFilePath(), start, length: node.getEnd() - start };
}

function merge(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.code, d.message, d.span?.file, d.span?.start, d.span?.length]);
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, d);
      continue;
    }
    const related = [...(earlier.related ?? [])];
    for (const r of d.related ?? []) {
      if (!related.some((e) => e.message === r.message && e.span?.file === r.span?.file && e.span?.start === r.span?.start)) related.push(r);
    }
    byKey.set(key, { ...earlier, ...(related.length ? { related } : {}) });
  }
  return [...byKey.values()];
}

/** Fills `span` (and related spans) from model paths; diagnostics that already have a span are kept as they are. */
export function locateSpans(diagnostics: readonly Diagnostic[], input: LocateInput): Diagnostic[] {
  const index = new SourceIndex(input.sources, input.entry);
  const mesh = index.meshCall();
  const fallback: Span = mesh ? spanOf(mesh.getExpression()) : { file: input.entry, start: 0, length: 0 };
  const where = (path: string, pick = 0): Walk | undefined => walkInherited(index, parsePath(path), pick);

  const located = diagnostics.map((d): Diagnostic => {
    // A related note is only worth showing at the exact place it names (a default nobody wrote has none).
    const related: RelatedInfo[] = (d.related ?? []).flatMap((r) => {
      if (r.span || !r.path) return r.span ? [r] : [];
      const w = where(r.path);
      return w?.complete ? [{ ...r, span: spanOf(w.anchor) }] : [];
    });
    if (d.span || !d.path) return related.length ? { ...d, related } : d;
    // Two services with one name: point at the second declaration, with a note at the first.
    const duplicate = d.code === "MESH100" && parsePath(d.path).length === 2;
    const w = where(d.path, duplicate ? 1 : 0);
    if (duplicate) {
      const first = where(d.path, 0);
      if (first && w && first.anchor !== w.anchor) related.unshift({ span: spanOf(first.anchor), message: "the first service with this name" });
    }
    if (w?.via) related.push({ span: spanOf(w.via), message: `the value enters here, through '${w.via.getText()}'` });
    return { ...d, span: w ? spanOf(w.anchor) : fallback, ...(related.length ? { related } : {}) };
  });
  return merge(located);
}
