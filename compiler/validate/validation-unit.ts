// One piece of a build's validation that either thread may check (both-cores.ts): an Envoy text (a whole file, or
// one resource of an xDS file as a one-item document), answered with its findings as sharedEnvoyIssues gives them
// for that text; a Kubernetes object text (a whole file, or one document of it), answered with whether every
// document is clean (cleanStream); an Istio file, answered with its findings. Each answer is a function of the
// unit alone.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { type CleanCache, NO_CACHE } from "./clean-cache";
import { type EnvoyDocumentKind, type Issue, sharedEnvoyIssues } from "./envoy";
import { ResourceSplits } from "./envoy/resource-items";
import { istioFileFindings } from "./istio";
import { type CleanTexts, cleanStream } from "./kubernetes";

export type Unit = readonly [kind: EnvoyDocumentKind, text: string] | readonly [kind: "kubernetes" | "istio", text: string];
export type UnitAnswer = Issue[] | boolean | Diagnostic[];

/**
 * Clean texts kept as strings of their own: a document of a file (a slice of it) would keep the whole file, which
 * a thread sent every file of a build once must not (the helper).
 */
class OwnCopies extends Set<string> {
  override add(text: string): this {
    // A rope of one character and the text, cut back: V8 flattens it into a new string, which the slice keeps.
    return super.add((" " + text).slice(1));
  }
}

/**
 * A checker for one thread: what it learns between units (messages found clean; texts found clean, which also go
 * to `cache`) is kept for its later ones. `byFile` false (the helper thread, which is sent every file of a build
 * once): neither a file nor a slice of one is kept, only its resources and documents, as strings of their own.
 */
export function unitChecker(cache: CleanCache = NO_CACHE, byFile = true): (unit: Unit) => UnitAnswer | Promise<UnitAnswer> {
  const envoy = sharedEnvoyIssues(cache, undefined, new ResourceSplits(byFile), byFile);
  const clean: CleanTexts = byFile ? new Set<string>() : new OwnCopies();
  return ([kind, text]) => {
    if (kind === "kubernetes") return cleanStream(text, clean, cache);
    if (kind === "istio") return istioFileFindings(text);
    // Offsets only, as the shared checker keeps them: what crosses threads is cloned.
    return envoy(kind, text).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }));
  };
}
