// load: the policy's files → its value as plain data. esbuild bundles the entry and the files it imports
// (and nothing else: resolve-policy-imports.ts), QuickJS evaluates the bundle with no host at all
// (sandbox.ts), and the serializer inside the sandbox turns the default export into JSON
// (plain-data.ts). Every failure is a diagnostic located in the author's source; none is thrown.
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { codes } from "../diagnostics/codes";
import type { Diagnostic, Span } from "../diagnostics/diagnostic";
import { BUNDLE_NAME, bundlePolicy, type PolicyLocation } from "./bundle";
import { defaultExportSpan } from "./default-export-span";
import type { PolicyBundler } from "./policy-bundler";
import { diagnosticOfFailure } from "./evaluation-failure";
import { isInside, isSourceFile } from "./import-rules";
import { protoKeyDiagnostics } from "./proto-keys";
import { evaluate, type SandboxLimits } from "./sandbox";
import { readSandboxOutput } from "./sandbox-output";
import type { SerializedMesh } from "./serialized";
import { authorSpanOf, positionMapper } from "./source-map";

export { type PolicyBundler, policyBundler } from "./policy-bundler";
export type { SerializedArray, SerializedBranded, SerializedKind, SerializedMesh, SerializedObject, SerializedService, SerializedServiceRef, SerializedValue } from "./serialized";

/**
 * Long enough for a 10 000-service policy on a busy 2-core machine (~5 s measured, bundling excluded), short
 * enough that an endless loop is reported while the author still waits for it. `--timeout` raises it.
 * @default 15000
 */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** @default 256 MiB */
export const DEFAULT_MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  /** Wall-clock limit for evaluating the policy. @default 15000 */
  readonly timeoutMs?: number;
  /** How far the sandbox's heap may grow beyond QuickJS's own initial 16 MiB while the policy evaluates. @default 256 MiB */
  readonly memoryLimitBytes?: number;
  /** A bundler kept across loads of this policy (policy-bundler.ts); without one, each load bundles afresh. */
  readonly bundler?: PolicyBundler;
}

export type LoadResult =
  | {
      readonly ok: true;
      readonly mesh: SerializedMesh;
      /** The entry's folder, as `entry` names it. */
      readonly root: string;
      /** Absolute paths of the author files bundled, under `root` as `entry` names it, sorted. */
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
    prelude: realpathSync(resolve(__dirname, "deterministic-builtins.ts")),
  };
}

/**
 * The loader decides on real paths (so no link can smuggle a file in), but reports paths the way the
 * caller named the entry's folder: on a machine where /tmp is a link to /private/tmp, the author sees
 * /tmp/policy/mesh.ts, and the caller finds its entry among `files` by the name it passed.
 */
function asNamed(policy: PolicyLocation, namedRoot: string): (file: string) => string {
  return (file) => (isInside(policy.root, file) ? join(namedRoot, relative(policy.root, file)) : file);
}

function renamed(sources: ReadonlyMap<string, string>, name: (file: string) => string): Map<string, string> {
  return new Map([...sources].map(([file, text]): [string, string] => [name(file), text]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function renamedSpans(diagnostics: readonly Diagnostic[], name: (file: string) => string): Diagnostic[] {
  return diagnostics.map((d) => (d.span ? { ...d, span: { ...d.span, file: name(d.span.file) } } : d));
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
  const namedRoot = resolve(dirname(entry));
  const name = asNamed(policy, namedRoot);
  const problem = entryProblem(policy);
  if (problem) return { ok: false, diagnostics: [problem], sources: new Map() };

  const bundled = await (options.bundler ? options.bundler.bundle(policy) : bundlePolicy(policy));
  const sources = renamed(bundled.sources, name);
  const fail = (diagnostics: readonly Diagnostic[]): LoadResult => ({ ok: false, diagnostics: renamedSpans(diagnostics, name), sources });
  if (!bundled.ok) return fail(bundled.diagnostics);
  const protoKeys = await protoKeyDiagnostics(bundled.sources);
  if (protoKeys.length) return fail(protoKeys);

  const atDefaultExport = (): Promise<Span> => defaultExportSpan(policy.entry, bundled.sources.get(policy.entry) ?? "");
  const outcome = await evaluate(bundled.bundle.code, BUNDLE_NAME, limits);
  if (outcome.kind !== "value") {
    const mapPosition = positionMapper(bundled.bundle.map, policy.root);
    const diagnostic = diagnosticOfFailure(outcome, {
      limits,
      bundleName: BUNDLE_NAME,
      spanOfFrames: (frames) => authorSpanOf(frames, BUNDLE_NAME, mapPosition, bundled.sources),
      fallback: await atDefaultExport(),
    });
    return fail([diagnostic]);
  }
  const output = readSandboxOutput(outcome.text);
  if (!output.ok) {
    const span = await atDefaultExport();
    return fail(output.diagnostics.map((d) => ({ ...d, span })));
  }
  return { ok: true, mesh: output.mesh, root: namedRoot, files: [...sources.keys()], sources };
}
