// The distinct Envoy texts a build's validation will check: each document, or each resource of an xDS file
// (resource-items.ts), minus those an earlier build found clean, collected for both cores to check
// (compiler/validate/both-cores.ts) as they take them.
import type { CleanCache } from "../clean-cache";
import { type EnvoyDocumentKind, envoyDocuments } from "./documents";
import { envoyKindOf } from "./index";
import { ByKindAndText, ResourceSplits } from "./resource-items";

/**
 * The Envoy units of one validation run, artifacts after artifacts: a file text or unit already seen (in these
 * artifacts or earlier ones) is not given again. `splits`: the run's, for the walk after (sharedEnvoyIssues) to
 * find the same documents.
 */
export class EnvoyUnits {
  private readonly seen = new ByKindAndText<true>();
  // A file text seen before has its units already (most files repeat: versions and zones share them).
  private readonly files = new ByKindAndText<true>();

  /** `whole`: each distinct file is a unit, not split, and not looked up in the cache (both-cores.ts, PieceUnits). */
  constructor(
    private readonly cache: CleanCache,
    private readonly splits = new ResourceSplits(),
    private readonly whole = false,
  ) {}

  *of(artifacts: readonly { readonly path: string; readonly content: string }[]): Generator<[EnvoyDocumentKind, string]> {
    for (const a of artifacts) {
      const kind = a.path.startsWith("envoy/") ? envoyKindOf(a.path) : undefined;
      if (!kind || this.files.has(kind, a.content)) continue;
      this.files.set(kind, a.content, true);
      if (this.whole) {
        yield [kind, a.content];
        continue;
      }
      const split = envoyDocuments[kind].resource ? this.splits.of(a.content) : null;
      if (split) {
        for (const document of split.documents) if (this.unchecked(kind, document)) yield [kind, document];
      } else if (this.unchecked(kind, a.content)) yield [kind, a.content];
    }
  }

  private unchecked(kind: EnvoyDocumentKind, text: string): boolean {
    if (this.seen.has(kind, text)) return false;
    this.seen.set(kind, text, true);
    return !this.cache.has(`envoy:${kind}`, text);
  }
}

export function uncheckedUnits(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, splits = new ResourceSplits()): Generator<[EnvoyDocumentKind, string]> {
  return new EnvoyUnits(cache, splits).of(artifacts);
}
