// load: the policy's files → its value as plain data. esbuild bundles the entry and the files it imports
// (and nothing else: resolve-policy-imports.ts), QuickJS evaluates the bundle with no host at all
// (sandbox.ts), and the serializer inside the sandbox turns the default export into JSON
// (plain-data.ts). Every failure is a diagnostic located in the author's source; none is thrown.
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { codes } from "../diagnostics/codes";
import type { Diagnostic, Span } from "../diagnostics/diagnostic";
import { BUNDLE_NAME, bundlePolicy, type PolicyLocation } from "./bundle";
import { defaultExportSpan } from "./default-export-span";
import { diagnosticOfFailure } from "./evaluation-failure";
import { isInside, isSourceFile } from "./import-rules";
import { evaluate, type SandboxLimits } from "./sandbox";
import { readSandboxOutput } from "./sandbox-output";
import type { SerializedMesh } from "./serialized";
import { authorSpanOf, positionMapper } from "./source-map";

export type { SerializedArray, SerializedBranded, SerializedKind, SerializedMesh, SerializedObject, SerializedService, SerializedServiceRef, SerializedValue } from "./serialized";

/** @default 5000 */
export const DEFAULT_TIMEOUT_MS = 5000;
/** @default 256 MiB */
export const DEFAULT_MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  /** Wall-clock limit for evaluating the policy. @default 5000 */
  readonly timeoutMs?: number;
  /** Memory the policy may allocate while evaluating. @default 256 MiB */
  readonly memoryLimitBytes?: number;
}

export type LoadResult =
  | {
      readonly ok: true;
      readonly mesh: SerializedMesh;
      /** Real path of the entry's folder. */
      readonly root: string;
      /** Real paths of the author files bundled, sorted. */
      readonly files: readonly string[];
      /** Author file → its text, as bundled. */
      readonly sources: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly sources: ReadonlyMap<string, string> };

function limitsOf(options: LoadOptions): SandboxLimits {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  if (!(timeoutMs > 0) || !(memoryLimitBytes > 0)) throw new RangeError(`load: timeoutMs and memoryLimitBytes must be positive (got ${timeoutMs}, ${memoryLimitBytes})`);
  return { timeoutMs, memoryLimitBytes };
}

function locatePolicy(entry: string): PolicyLocation {
  if (!isAbsolute(entry)) throw new TypeError(`load: the entry must be an absolute path, got ${entry}`);
  return {
    root: realpathSync(dirname(entry)),
    entry: realpathSync(entry),
    dslDir: realpathSync(resolve(__dirname, "../../dsl")),
    serializer: realpathSync(resolve(__dirname, "plain-data.ts")),
  };
}

function sorted(sources: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function entryProblem(policy: PolicyLocation): Diagnostic | undefined {
  const span: Span = { file: policy.entry, start: 0, length: 0 };
  if (!isInside(policy.root, policy.entry)) {
    return { code: "MESH003", severity: codes.MESH003.severity, message: `the entry is a symbolic link to ${policy.entry}, outside its folder ${policy.root}.`, span };
  }
  if (!isSourceFile(policy.entry)) return { code: "MESH004", severity: codes.MESH004.severity, message: `the entry ${policy.entry} is not TypeScript or JavaScript source.`, span };
  return undefined;
}

/**
 * Loads the policy whose entry file is `entry` (an absolute path; the policy root is its folder).
 * Rejects only on usage errors: a relative or missing entry, or non-positive limits.
 */
export async function load(entry: string, options: LoadOptions = {}): Promise<LoadResult> {
  const limits = limitsOf(options);
  const policy = locatePolicy(entry);
  const problem = entryProblem(policy);
  if (problem) return { ok: false, diagnostics: [problem], sources: new Map() };

  const bundled = await bundlePolicy(policy);
  const sources = sorted(bundled.sources);
  if (!bundled.ok) return { ok: false, diagnostics: bundled.diagnostics, sources };

  const atDefaultExport = (): Promise<Span> => defaultExportSpan(policy.entry, sources.get(policy.entry) ?? "");
  const outcome = await evaluate(bundled.bundle.code, BUNDLE_NAME, limits);
  if (outcome.kind !== "value") {
    const mapPosition = positionMapper(bundled.bundle.map, policy.root);
    const diagnostic = diagnosticOfFailure(outcome, {
      limits,
      spanOfFrames: (frames) => authorSpanOf(frames, BUNDLE_NAME, mapPosition, sources),
      fallback: await atDefaultExport(),
    });
    return { ok: false, diagnostics: [diagnostic], sources };
  }
  const output = readSandboxOutput(outcome.text);
  if (!output.ok) {
    const span = await atDefaultExport();
    return { ok: false, diagnostics: output.diagnostics.map((d) => ({ ...d, span })), sources };
  }
  return { ok: true, mesh: output.mesh, root: policy.root, files: [...sources.keys()], sources };
}
