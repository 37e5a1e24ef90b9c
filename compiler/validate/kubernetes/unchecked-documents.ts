// The Kubernetes documents a build's validation will read: each distinct document of the zones' object files,
// minus those an earlier build found clean, collected for both cores to read (compiler/validate/both-cores.ts) as
// they take them, or each distinct file as a whole; a stream outside the plain layout has none here, the full path
// reads it.
import type { CleanCache } from "../clean-cache";
import { streamDocuments } from "../yaml-core-values";
import { KUSTOMIZATION, zoneFile } from "./index";

/** The documents of one validation run, artifacts after artifacts: a document seen before is not given again. */
export class KubernetesUnits {
  private readonly seen = new Set<string>();

  /** `whole`: each distinct object file is one unit, not split, and not looked up in the cache (both-cores.ts, PieceUnits). */
  constructor(
    private readonly cache: CleanCache,
    private readonly whole = false,
  ) {}

  *of(artifacts: readonly { readonly path: string; readonly content: string }[]): Generator<string> {
    for (const a of artifacts) {
      const own = zoneFile(a.path);
      if (!own || own.name === KUSTOMIZATION) continue;
      if (this.whole) {
        if (!this.seen.has(a.content)) {
          this.seen.add(a.content);
          yield a.content;
        }
        continue;
      }
      for (const doc of streamDocuments(a.content) ?? []) {
        if (this.seen.has(doc.text)) continue;
        this.seen.add(doc.text);
        if (!this.cache.has("kubernetes", doc.text)) yield doc.text;
      }
    }
  }
}
