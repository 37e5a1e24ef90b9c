// The distinct Envoy texts a build's validation will check: each document, or each resource of an xDS file
// (resource-items.ts), minus those an earlier build found clean. Collected up front so that both cores can
// check them (compiler/validate/both-cores.ts).
import type { CleanCache } from "../clean-cache";
import { type EnvoyDocumentKind, envoyDocuments } from "./documents";
import { envoyKindOf } from "./index";
import { ByKindAndText, ResourceSplits } from "./resource-items";

/** `splits`: the run's, for the walk after (sharedEnvoyIssues) to find the same documents. */
export function* uncheckedUnits(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, splits = new ResourceSplits()): Generator<[EnvoyDocumentKind, string]> {
  const seen = new ByKindAndText<true>();
  const unchecked = (kind: EnvoyDocumentKind, text: string) => {
    if (seen.has(kind, text)) return false;
    seen.set(kind, text, true);
    return !cache.has(`envoy:${kind}`, text);
  };
  // A file text seen before has its units already (most files repeat: versions and zones share them).
  const files = new ByKindAndText<true>();
  for (const a of artifacts) {
    const kind = a.path.startsWith("envoy/") ? envoyKindOf(a.path) : undefined;
    if (!kind || files.has(kind, a.content)) continue;
    files.set(kind, a.content, true);
    const split = envoyDocuments[kind].resource ? splits.of(a.content) : null;
    if (split) {
      for (const document of split.documents) if (unchecked(kind, document)) yield [kind, document];
    } else if (unchecked(kind, a.content)) yield [kind, a.content];
  }
}
