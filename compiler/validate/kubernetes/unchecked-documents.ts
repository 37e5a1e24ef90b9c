// The Kubernetes documents a build's validation will read: each distinct document of the zones' object files,
// minus those an earlier build found clean, collected for both cores to read (compiler/validate/both-cores.ts) as
// they take them, or each distinct file as a whole; a stream outside the plain layout has none here, the full path
// reads it. Files handed with the values their documents were written from (Artifact.documents) are decided from
// those values first, as they are handed (written-documents.ts): only a file they do not find clean is read.
import type { WrittenDocument } from "../../../targets/target";
import type { CleanCache } from "../clean-cache";
import { streamDocuments } from "../yaml-core-values";
import { KUSTOMIZATION, zoneFile } from "./index";
import { writtenDocumentIsClean, writtenDocumentsOf } from "./written-documents";

type File = { readonly path: string; readonly content: string; readonly documents?: readonly WrittenDocument[] };

/** The documents of one validation run, artifacts after artifacts: a document seen before is not given again. */
export class KubernetesUnits {
  private readonly seen = new Set<string>();
  /** The files, and their documents, that their written values found clean (`written`), as the threads' answers hold them. */
  readonly clean = new Set<string>();

  /** `whole`: each distinct object file is one unit, not split, and not looked up in the cache (both-cores.ts, PieceUnits). */
  constructor(
    private readonly cache: CleanCache,
    private readonly whole = false,
  ) {}

  /**
   * Decides now, from their values, the files handed with them; the values are not kept. A file all of whose
   * documents are clean, or clean before (the cache, or earlier in this run), is not given by `of`; the others are,
   * to be read. The documents found clean go to the cache, for a later build, which reads them from its text.
   */
  written(files: readonly File[]): void {
    for (const a of files) {
      if (!a.documents) continue;
      const own = zoneFile(a.path);
      if (!own || own.name === KUSTOMIZATION || this.seen.has(a.content)) continue;
      const documents = writtenDocumentsOf(a.content, a.documents);
      if (!documents) continue;
      let all = true;
      for (const { text, value } of documents) {
        if (this.clean.has(text) || this.cache.has("kubernetes", text)) continue;
        if (writtenDocumentIsClean(value, text) !== true) {
          all = false;
          break;
        }
        this.clean.add(text);
        this.cache.add("kubernetes", text);
      }
      if (!all) continue;
      this.clean.add(a.content);
      this.seen.add(a.content);
    }
  }

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
