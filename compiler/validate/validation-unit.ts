// One piece of a build's validation that either thread may check (both-cores.ts): an Envoy text (a document, or
// one resource of an xDS file), answered with its findings; a Kubernetes object document, answered with whether
// it is clean; an Istio file, answered with its findings. Each answer is a function of the unit alone.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { CleanSubtrees, type EnvoyDocumentKind, envoyIssues, type Issue } from "./envoy";
import { istioFileFindings } from "./istio";
import { documentIsClean } from "./kubernetes";

export type Unit = readonly [kind: EnvoyDocumentKind, text: string] | readonly [kind: "kubernetes" | "istio", text: string];
export type UnitAnswer = Issue[] | boolean | Diagnostic[];

/** A checker for one thread: what it learns between units (messages found clean) is kept for its later ones. */
export function unitChecker(): (unit: Unit) => UnitAnswer | Promise<UnitAnswer> {
  const subtrees = new CleanSubtrees();
  return ([kind, text]) => {
    if (kind === "kubernetes") return documentIsClean(text);
    if (kind === "istio") return istioFileFindings(text);
    // Offsets only, as the shared checker keeps them: what crosses threads is cloned.
    return envoyIssues(kind, text, subtrees).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }));
  };
}
