// The only orchestrator: load → typecheck → normalize → check → targets → (emit, by the caller).
// Every stage returns data; diagnostics are collected, located, de-duplicated and sorted once, here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Artifact, Target, TargetOptions } from "../targets/target";
import { runChecks } from "./checks/registry";
import { codes } from "./diagnostics/codes";
import { type Diagnostic, hasErrors } from "./diagnostics/diagnostic";
import { locate } from "./diagnostics/locate";
import { sortDiagnostics } from "./diagnostics/sort";
import { manifestOf } from "./emit/manifest";
import { load, type LoadOptions } from "./load";
import type { MeshModel } from "./model";
import { normalize } from "./normalize";
import { internalError, timed } from "./stage";
import { targets as allTargets } from "./target-registry";
import { validateEnvoyArtifacts } from "./validate/envoy";
import { isIstioArtifact, validateIstioArtifacts } from "./validate/istio";
import { REGISTRY_FILE, renderRegistry, typecheck } from "./typecheck";

export type Checker = "tsc7" | "ts6" | "none";

export interface BuildOptions {
  /** Absolute path of the policy's entry file. */
  readonly entry: string;
  /** Which TypeScript checker runs; "none" skips the type check (the semantic checks still run). @default "tsc7" */
  readonly checker?: Checker;
  /** Drills this build switches on. */
  readonly drills?: readonly string[];
  /** Run the targets (false for `meshc check`). @default true */
  readonly emit?: boolean;
  /** Check every generated Envoy document against Envoy's protos, and every Istio object against Istio's CRDs, before anything is written. @default true */
  readonly validate?: boolean;
  readonly targets?: readonly Target[];
  readonly load?: LoadOptions;
}

export interface BuildResult {
  /** Sorted; errors make `artifacts` null. */
  readonly diagnostics: readonly Diagnostic[];
  readonly model: MeshModel | null;
  /** Everything to write, `manifest.json` included; null when the policy has errors. */
  readonly artifacts: readonly Artifact[] | null;
  readonly sources: ReadonlyMap<string, string>;
  /** The generated meshc-env.d.ts text (written by `meshc types`). */
  readonly registry: string | null;
  /** Milliseconds per phase, for the benchmark. */
  readonly timings: Readonly<Record<string, number>>;
}


function staleRegistry(root: string, registry: string, entry: string): Diagnostic[] {
  let onDisk: string | undefined;
  try {
    onDisk = readFileSync(join(root, REGISTRY_FILE), "utf8");
  } catch {
    onDisk = undefined;
  }
  if (onDisk === registry) return [];
  const message = onDisk === undefined ? `${REGISTRY_FILE} is missing, so editors cannot check service references.` : `${REGISTRY_FILE} is out of date with the policy's services and versions.`;
  return [{ code: "MESH010", severity: codes.MESH010.severity, message, span: { file: entry, start: 0, length: 0 }, hint: `run \`meshc types ${entry}\`` }];
}


function runTargets(model: MeshModel, list: readonly Target[], options: TargetOptions, timings: Record<string, number>): { artifacts: Artifact[]; diagnostics: Diagnostic[] } {
  const artifacts: Artifact[] = [{ path: "model.json", content: JSON.stringify(model, null, 2) + "\n" }];
  const diagnostics: Diagnostic[] = [];
  for (const target of list) {
    try {
      // A loop, not push(...): spreading 180 000 artifacts (N = 10 000) as arguments overflows the stack.
      for (const artifact of timed(timings, `target:${target.name}`, () => target.build(model, options))) artifacts.push(artifact);
    } catch (error) {
      diagnostics.push(internalError(`the ${target.name} target`, error));
    }
  }
  return { artifacts, diagnostics };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const start = performance.now();
  const loaded = await load(options.entry, options.load);
  timings.load = performance.now() - start;
  const finish = (diagnostics: Diagnostic[], model: MeshModel | null, artifacts: Artifact[] | null, registry: string | null, generated: readonly Artifact[] = []): BuildResult => ({
    diagnostics: sortDiagnostics(locate(diagnostics, { entry: options.entry, files: loaded.ok ? loaded.files : [options.entry], sources: loaded.sources })),
    model,
    artifacts,
    // Validation findings point into generated files, so their text is a source too.
    sources: generated.length ? new Map([...loaded.sources, ...generated.map((a) => [a.path, a.content] as const)]) : loaded.sources,
    registry,
    timings,
  });
  if (!loaded.ok) return finish([...loaded.diagnostics], null, null, null);

  let normalized: ReturnType<typeof normalize>;
  try {
    normalized = timed(timings, "normalize", () => normalize(loaded.mesh as never));
  } catch (error) {
    return finish([internalError("normalize", error)], null, null, null);
  }
  const { model, diagnostics: normalizeDiagnostics } = normalized;
  const registry = renderRegistry(model.services.map((s) => ({ name: s.name, versions: s.versions })));
  const diagnostics: Diagnostic[] = [...normalizeDiagnostics, ...staleRegistry(loaded.root, registry, options.entry)];

  // The type check is a separate process (tsc7): it runs on the other core while this one runs the checks,
  // the targets and the validation, and is awaited before anything is returned. Its findings decide exactly
  // as before: with a type error, nothing the targets made is returned.
  const typeChecked = startTypecheck(options.checker ?? "tsc7", loaded.root, loaded.files, registry, timings);
  diagnostics.push(...timed(timings, "checks", () => runChecks(model)));
  const known = new Set(model.drills.map((d) => d.name));
  for (const drill of options.drills ?? []) {
    if (!known.has(drill)) {
      diagnostics.push({ code: "MESH500", severity: "error", message: `the build names drill '${drill}', which the policy does not define.`, path: "mesh.drills", hint: known.size ? `defined drills: ${[...known].join(", ")}` : "the policy defines no drills" });
    }
  }
  if (hasErrors(diagnostics) || options.emit === false) {
    for (const d of await typeChecked()) diagnostics.push(d);
    return finish(diagnostics, model, null, registry);
  }

  const built = runTargets(model, options.targets ?? allTargets, { drills: [...(options.drills ?? [])].sort() }, timings);
  const invalid: Diagnostic[] = [];
  if (!built.diagnostics.length && options.validate !== false) {
    for (const d of timed(timings, "validate", () => validateEnvoyArtifacts(built.artifacts))) invalid.push(d);
    if (built.artifacts.some((a) => isIstioArtifact(a.path))) for (const d of timed(timings, "validate:istio", () => validateIstioArtifacts(built.artifacts))) invalid.push(d);
  }
  const typeFindings = await typeChecked();
  for (const d of typeFindings) diagnostics.push(d);
  // A type error stops the build before its outputs, as when the type check ran first: what the targets
  // made (and any finding about it) is dropped.
  if (hasErrors(typeFindings)) return finish(diagnostics, model, null, registry);
  if (built.diagnostics.length) return finish([...diagnostics, ...built.diagnostics], model, null, registry);
  // A generated document Envoy or the API server would reject is meshc's bug, never the author's: nothing is written.
  if (invalid.length) return finish([...diagnostics, ...invalid], model, hasErrors(invalid) ? null : [...built.artifacts, manifestOf(built.artifacts)], registry, built.artifacts);
  return finish(diagnostics, model, [...built.artifacts, manifestOf(built.artifacts)], registry);
}

/**
 * Starts the type check and returns how to wait for its findings. The rejection (the checker could not run)
 * is held until it is awaited, so it surfaces where it did when the check ran first.
 */
function startTypecheck(checker: Checker, root: string, files: readonly string[], registry: string, timings: Record<string, number>): () => Promise<Diagnostic[]> {
  if (checker === "none") return async () => [];
  const t0 = performance.now();
  const settled = typecheck({ root, files, registry, checker }).then(
    (found) => {
      timings.typecheck = performance.now() - t0;
      return { found };
    },
    (error: unknown) => ({ error }),
  );
  return async () => {
    const r = await settled;
    if ("error" in r) throw r.error;
    return r.found;
  };
}
