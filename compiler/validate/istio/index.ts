// Istio objects checked against Istio's own CRDs before `meshc build` writes them: the OpenAPI v3 schema and the
// x-kubernetes-validations CEL rules of the object's API version, with the Kubernetes API server's semantics
// (docs/istio-validation.md says what is and is not checked). Findings are data (`Finding`: code, path, the API
// server's message); the build turns them into MESH85x diagnostics pointing into the generated file.
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type CleanCache, NO_CACHE } from "../clean-cache";
import { istioApi } from "./crd-registry";
import { validateIstioStream } from "./documents";

export type { Finding, IstioCode } from "./finding";
export { validateIstioObject } from "./validate-object";
export { validateIstioStream } from "./documents";

/** The artifacts this validator reads: YAML files under `istio/` (docs/output-format.md). */
export function isIstioArtifact(path: string): boolean {
  return path.startsWith("istio/") && /\.ya?ml$/.test(path);
}

function diagnosticsOf(path: string, text: string): Diagnostic[] {
  return validateIstioStream(text).flatMap((doc) =>
    doc.findings.map(({ item, start, end }) => ({
      code: item.code,
      severity: item.severity,
      message: `${path}: ${doc.object}: ${item.message}`,
      span: { file: path, start, length: Math.max(0, end - start) },
      ...(item.rule ? { hint: `x-kubernetes-validations rule: ${item.rule.replace(/\s+/g, " ")}` } : {}),
    })),
  );
}

/** A file's findings, a function of its text alone: the file's path is "\0" in them, for the caller to fill in. */
export function istioFileFindings(text: string): Diagnostic[] {
  return diagnosticsOf("\0", text);
}

/**
 * The distinct texts of a build's Istio files, minus those an earlier build found clean, for one validation run,
 * artifacts after artifacts: a text seen before is not given again.
 */
export class IstioUnits {
  private readonly seen = new Set<string>();

  constructor(private readonly cache: CleanCache) {}

  *of(artifacts: readonly { readonly path: string; readonly content: string }[]): Generator<string> {
    for (const a of artifacts) {
      if (!isIstioArtifact(a.path) || this.seen.has(a.content)) continue;
      this.seen.add(a.content);
      if (!this.cache.has("istio", a.content)) yield a.content;
    }
  }
}

/**
 * Validates every Istio artifact of a build. Files with the same text (the same service in several zones) are
 * validated once; the schemas and CEL programs are compiled once per process; a text `cache` holds as clean from
 * an earlier build is not validated, and one found clean is added to it. `known`: `istioFileFindings` of texts
 * already checked (on any thread: compiler/validate/both-cores.ts).
 */
export function validateIstioArtifacts(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache = NO_CACHE, known?: ReadonlyMap<string, Diagnostic[]>): Diagnostic[] {
  const byText = new Map<string, Diagnostic[]>();
  return artifacts.flatMap((a) => {
    if (!isIstioArtifact(a.path)) return [];
    let found = byText.get(a.content);
    if (!found) {
      found = cache.has("istio", a.content) ? [] : (known?.get(a.content) ?? istioFileFindings(a.content));
      if (!found.length) cache.add("istio", a.content);
      byText.set(a.content, found);
    }
    return found.map((d) => ({ ...d, message: d.message.replace("\0", a.path), span: { ...d.span!, file: a.path } }));
  });
}

/** Loads the schemas and compiles every CEL rule now; says how many rules and how long it took. */
export function warmIstioSchemas(): { kinds: number; rules: number; loadMs: number } {
  const api = istioApi();
  return { kinds: api.kinds.length, rules: api.ruleCount, loadMs: api.loadMs };
}
