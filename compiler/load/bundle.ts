// Bundles the policy in memory with esbuild: one script, platform neutral (no Node shims), with an external
// source map kept in memory, so the sandbox's stack traces can be mapped back to the author's files.
import { join } from "node:path";
import { build, type BuildFailure, type BuildOptions, type BuildResult, type Message } from "esbuild";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { diagnosticOfMessage } from "./esbuild-message";
import { type LoadedSources, resolvePolicyImports, type SourceSink } from "./resolve-policy-imports";
import { virtualEntry } from "./virtual-entry";

/** The bundle's (never written) file name; source map paths are relative to its folder, the policy root. */
export const BUNDLE_NAME = "meshc-policy.js";

export interface PolicyLocation {
  /** Real path of the policy root (the entry's folder). */
  readonly root: string;
  /** Real path of the entry file. */
  readonly entry: string;
  /** Real path of the repo's dsl/ folder. */
  readonly dslDir: string;
  /** Real path of plain-data.ts. */
  readonly serializer: string;
  /** Real path of deterministic-builtins.ts, run before the policy. */
  readonly prelude: string;
}

export interface Bundle {
  readonly code: string;
  /** The source map, as JSON text; `sources` are relative to the policy root. */
  readonly map: string;
}

export type BundleResult =
  | { readonly ok: true; readonly bundle: Bundle; readonly sources: LoadedSources }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly sources: LoadedSources };

function isBuildFailure(error: unknown): error is BuildFailure {
  return typeof error === "object" && error !== null && Array.isArray((error as BuildFailure).errors);
}

/** esbuild's options for `policy`; the files the plugin reads go to `sink`. */
export function esbuildOptions(policy: PolicyLocation, sink: SourceSink): BuildOptions & { write: false } {
  return {
    entryPoints: ["policy"],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    // What QuickJS 2025-09-13 parses; esbuild lowers newer syntax (`using`, …) or says it cannot (MESH001).
    target: "es2023",
    outfile: join(policy.root, BUNDLE_NAME),
    sourcemap: "external",
    sourcesContent: false,
    absWorkingDir: policy.root,
    // Every resolve is the plugin's, so no tsconfig.json may steer the compile either (paths, decorators …).
    tsconfigRaw: {},
    logLevel: "silent",
    plugins: [resolvePolicyImports({ ...policy, entryCode: virtualEntry(policy.entry, policy.serializer, policy.prelude) }, sink)],
  };
}

/** Bundles `policy` once. */
export function bundlePolicy(policy: PolicyLocation): Promise<BundleResult> {
  return bundleWith(policy, (sink) => build(esbuildOptions(policy, sink)));
}

/** A bundle made by `run` (a one-shot build, or a kept context's rebuild: policy-bundler.ts), as a BundleResult. */
export async function bundleWith(policy: PolicyLocation, run: (sink: SourceSink) => Promise<BuildResult<{ write: false }>>): Promise<BundleResult> {
  const sources: LoadedSources = new Map();
  let errors: readonly Message[];
  try {
    const result = await run(sources);
    const code = result.outputFiles.find((f) => f.path.endsWith(".js"));
    const map = result.outputFiles.find((f) => f.path.endsWith(".js.map"));
    if (!code || !map) throw new Error(`esbuild returned ${result.outputFiles.map((f) => f.path).join(", ")}, not a script and its map`);
    return { ok: true, bundle: { code: code.text, map: map.text }, sources };
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    errors = error.errors;
  }
  // esbuild resolves in parallel, so its messages come in no fixed order; sort them here.
  const diagnostics = errors
    .map((m) => diagnosticOfMessage(m, policy, sources))
    .sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start || (a.message < b.message ? -1 : 1)));
  return { ok: false, diagnostics, sources };
}
