// `meshc inject <deployment.yaml> --policy <entry.ts> [--zone z]`: builds the policy (checked and validated like
// `meshc build`, nothing written), adds the sidecar to the file's Deployments, checks the result as the API
// server would, and prints it. Findings are diagnostics located in the Deployment file.
import { readFileSync } from "node:fs";
import { build, type BuildResult, type Checker } from "../build";
import { codes } from "../diagnostics/codes";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { injectSidecars } from "../target-registry";
import { validateKubernetes } from "../validate/kubernetes";

export interface InjectOptions {
  readonly file: string;
  readonly entry: string;
  readonly zone?: string;
  readonly checker: Checker;
}

export interface InjectOutcome {
  /** What the diagnostics are reported against (the policy's sources and the Deployment file). */
  readonly result: BuildResult;
  /** The injected YAML; null when there are errors. */
  readonly text: string | null;
  readonly injected: number;
}

export async function injectFile(options: InjectOptions): Promise<InjectOutcome> {
  const built = await build({ entry: options.entry, checker: options.checker });
  if (!built.artifacts || !built.model) return { result: built, text: null, injected: 0 };
  const input = readFileSync(options.file, "utf8");
  const packaged = new Map(built.artifacts.map((a) => [a.path, a.content] as const));
  const injected = injectSidecars(input, built.model, packaged, options.zone);
  const sources = new Map([...built.sources, [options.file, input]]);
  const located: Diagnostic[] = injected.findings.map((f) => ({ code: f.code, severity: codes[f.code].severity, message: f.message, span: { file: options.file, start: f.start, length: f.length } }));
  if (!injected.text) return { result: { ...built, diagnostics: [...built.diagnostics, ...located], sources }, text: null, injected: 0 };
  // What inject wrote is meshc's responsibility, like the build's own objects.
  const invalid = await validateKubernetes("(injected output)", injected.text);
  if (invalid.length) {
    return { result: { ...built, diagnostics: [...built.diagnostics, ...invalid], sources: new Map([...sources, ["(injected output)", injected.text]]) }, text: null, injected: 0 };
  }
  return { result: { ...built, sources }, text: injected.text, injected: injected.injected };
}
