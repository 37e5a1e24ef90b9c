// The watch path: a builder that keeps what it built and, after a change, redoes only what the change can
// affect. The front end (load, type check, normalize, checks) runs whole, through build() itself; the targets
// that offer a per-workload entry point (targets/target.ts, PerWorkload) rebuild only the workloads whose
// own service, or a service they read, changed; the others rebuild whole. Only rebuilt Envoy documents are
// validated again, and only rebuilt files are hashed again for the manifest.
//
// build() stays the reference: test/watch proves that the incremental result equals a full build's.
import { type Artifact, DEFAULT_ISTIO_API, type PackagedFiles, type Target, type TargetOptions } from "../../targets/target";
import { build, type BuildOptions, type BuildResult } from "../build";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { hasErrors } from "../diagnostics/diagnostic";
import { sortDiagnostics } from "../diagnostics/sort";
import { type Digest, digestOf, manifestOf } from "../emit/manifest";
import { type MeshModel, type Workload, workloads } from "../model";
import { internalError, timed } from "../stage";
import { packagedFiles, runOrder } from "../target-order";
import { targets as allTargets } from "../target-registry";
import { sharedEnvoyIssues, validateEnvoyArtifacts } from "../validate/envoy";
import { validateIstioArtifacts } from "../validate/istio";
import { checkIstioReferences, type ParsedTexts } from "../validate/istio-references";
import { validateKubernetesArtifacts } from "../validate/kubernetes";
import { kustomizationFindings } from "./kustomization-findings";
import { changesBetween, type ModelSnapshot, snapshot } from "./model-changes";
import { typecheckSession as newTypecheckSession } from "../typecheck";
import { serviceMemo } from "../normalize";

export interface IncrementalResult extends BuildResult {
  /** Paths whose content is new or changed since the previous successful build, and paths no longer produced. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Units (workloads, or what versions share) rebuilt, per target ("*" when the target rebuilt whole). */
  readonly rebuilt: Readonly<Record<string, number | "*">>;
}

interface TargetState {
  /** Per unit (a workload's name, or the unit it shares: PerWorkload.unit), for targets with a per-workload entry point. */
  readonly byWorkload: Map<string, readonly Artifact[]> | null;
  /** What the units share (PerWorkload.shared). */
  readonly shared: readonly Artifact[];
  readonly all: readonly Artifact[];
}

interface State {
  readonly snapshot: ModelSnapshot;
  readonly targets: Map<string, TargetState>;
  /** The previous build's artifacts, in order, to report what changed. */
  readonly artifacts: readonly Artifact[];
}

/**
 * The paths whose content differs from the previous build's, and the paths it had that are gone. A rebuild hands
 * over the same paths in the same order, most artifacts as the same objects: then the two lists are compared
 * place by place (43 000 artifacts at 1 000 services), and by path only when the paths moved.
 */
function changesSince(before: readonly Artifact[] | undefined, after: readonly Artifact[]): { changed: string[]; removed: string[] } {
  if (!before) return { changed: after.map((a) => a.path), removed: [] };
  if (before.length === after.length && after.every((a, i) => a.path === before[i]!.path)) {
    return { changed: after.filter((a, i) => a !== before[i] && a.content !== before[i]!.content).map((a) => a.path), removed: [] };
  }
  const previous = new Map(before.map((a) => [a.path, a.content]));
  const now = new Set(after.map((a) => a.path));
  return { changed: after.filter((a) => previous.get(a.path) !== a.content).map((a) => a.path), removed: [...previous.keys()].filter((p) => !now.has(p)) };
}

/** A zone's object file, `kubernetes/<zone>/<name>.yaml` (not its kustomization, nor a file under `files/`). */
function isZoneObjectFile(path: string): boolean {
  if (!path.startsWith("kubernetes/") || path.endsWith("/kustomization.yaml")) return false;
  const slash = path.indexOf("/", "kubernetes/".length);
  return slash > 0 && path.indexOf("/", slash + 1) < 0;
}

/** How many builds share one validation cache. */
const FRESH_VALIDATION_CACHE_EVERY = 20;

export interface IncrementalBuilder {
  /** Builds (the first time, everything; later, what changed). */
  rebuild(): Promise<IncrementalResult>;
  /** Removes what the builder keeps on disk between builds (the type check's session folder). */
  close(): void;
}



/** One target's artifacts, reusing the units (workloads, or what they share) that nothing in `changed` touches. */
function buildTarget(target: Target, model: MeshModel, options: TargetOptions, previous: TargetState | undefined, changed: ReadonlySet<string> | null, packaged: PackagedFiles, list: readonly Target[]): { state: TargetState; rebuilt: number | "*" } {
  const per = target.perWorkload;
  // A target that packages others' files reads what they read for them: its units are stale when theirs are.
  const packagedReads = (target.packages ?? []).map((name) => list.find((t) => t.name === name)?.perWorkload?.reads);
  if (!per || packagedReads.some((r) => !r)) return { state: { byWorkload: null, shared: [], all: target.build(model, options, packaged) }, rebuilt: "*" };
  const reads = (w: Workload) => [...per.reads(model, w), ...packagedReads.flatMap((r) => r!(model, w))];
  const unitOf = per.unit ?? ((w: Workload) => w.name);
  const byUnit = new Map<string, readonly Artifact[]>();
  // A rebuilt file whose text did not change stays the same object, so what is kept per artifact (its digest,
  // its validation findings) is kept for it too. Looked up among the unit's own earlier files: a map of every
  // earlier file, made again on each rebuild, was ~10 ms of a one-service rebuild at N = 1 000.
  const keep = (artifacts: readonly Artifact[], earlier: readonly Artifact[] | undefined) => {
    if (!earlier?.length) return artifacts;
    const byPath = new Map(earlier.map((a) => [a.path, a]));
    return artifacts.map((a) => (byPath.get(a.path)?.content === a.content ? byPath.get(a.path)! : a));
  };
  const shared = keep(per.shared?.(model, options, packaged) ?? [], previous?.shared);
  let rebuilt = 0;
  for (const workload of workloads(model)) {
    const unit = unitOf(workload);
    if (byUnit.has(unit)) continue;
    const earlier = previous?.byWorkload?.get(unit);
    const before = changed && earlier;
    const stale = !before || reads(workload).some((name) => changed.has(name));
    byUnit.set(unit, stale ? keep(per.build(model, workload, options, packaged), earlier) : before);
    if (stale) rebuilt++;
  }
  const all = [...shared];
  for (const artifacts of byUnit.values()) for (const a of artifacts) all.push(a);
  return { state: { byWorkload: byUnit, shared, all }, rebuilt };
}

/** A target's checked-only documents (Target.checkedOnly) as a target of their own, with its units and reads. */
function checkedTarget(target: Target): Target {
  const only = target.checkedOnly!;
  const per = target.perWorkload;
  return { name: target.name, build: (m, o) => only.build(m, o), ...(per ? { perWorkload: { reads: per.reads, ...(per.unit ? { unit: per.unit } : {}), build: (m, w, o) => only.perWorkload(m, w, o) } } : {}) };
}

export function incrementalBuilder(options: BuildOptions): IncrementalBuilder {
  const list = options.targets ?? allTargets;
  const drills = [...(options.drills ?? [])].sort();
  const targetOptions: TargetOptions = { drills, istioApi: options.istioApi ?? DEFAULT_ISTIO_API, delivery: options.delivery, xdsServer: options.xdsServer };
  // Parsed Istio files by text, across rebuilds (renewed with the validation cache): an unchanged file is not parsed again.
  let istioTexts: ParsedTexts = new Map();
  let state: State | undefined;
  // Kept across builds, keyed by the artifact object: an artifact reused as it was keeps its digest and findings.
  const digests = new WeakMap<Artifact, Digest>();
  const findings = new WeakMap<Artifact, readonly Diagnostic[]>();
  // Findings per distinct document and resource text, across builds: a rebuilt sidecar mostly repeats clusters
  // already checked. Started afresh now and then, so a long session does not keep every text it ever saw.
  let issuesOf = sharedEnvoyIssues();
  const kubernetesFindings = new Map<string, readonly Diagnostic[]>();
  const kustomizations = kustomizationFindings();
  let builds = 0;
  // The type check re-checks only what a change can affect (compiler/typecheck/session.ts).
  const typecheckSession = options.typecheckSession ?? newTypecheckSession();
  // A save normalizes again only the services whose text changed (normalize/service-memo.ts).
  const memo = options.serviceMemo ?? serviceMemo();

  async function rebuild(): Promise<IncrementalResult> {
    const front = await build({ ...options, typecheckSession, serviceMemo: memo, emit: false });
    const timings: Record<string, number> = { ...front.timings };
    const none = { changed: [], removed: [], rebuilt: {} };
    if (!front.model || hasErrors(front.diagnostics) || options.emit === false) return { ...front, ...none };
    const model = front.model;

    const snap = timed(timings, "diff", () => snapshot(model, state?.snapshot));
    const reusable = state;
    const changes = reusable ? changesBetween(reusable.snapshot, snap) : null;
    const changed = changes && !changes.meshLevel ? changes.services : null;

    const targetStates = new Map<string, TargetState>();
    const rebuilt: Record<string, number | "*"> = {};
    const artifacts: Artifact[] = [{ path: "model.json", content: JSON.stringify(model, null, 2) + "\n" }];
    const errors: Diagnostic[] = [];
    const built = new Map<string, readonly Artifact[]>();
    let order: Target[] = [];
    try {
      order = runOrder(list);
    } catch (error) {
      errors.push(internalError("ordering the targets", error));
    }
    for (const target of order) {
      const packaged = packagedFiles(target, built);
      if (!packaged) continue; // a target it packages failed, and said so
      try {
        const result = timed(timings, `target:${target.name}`, () => buildTarget(target, model, targetOptions, reusable?.targets.get(target.name), changed, packaged, list));
        targetStates.set(target.name, result.state);
        rebuilt[target.name] = result.rebuilt;
        built.set(target.name, result.state.all);
      } catch (error) {
        errors.push(internalError(`the ${target.name} target`, error));
      }
    }
    for (const target of list) for (const a of built.get(target.name) ?? []) artifacts.push(a); // not push(...): too many arguments at scale
    // What is checked and never written (Target.checkedOnly), unit by unit like the target's own files.
    const checked: Artifact[] = [];
    for (const target of options.validate !== false ? order : []) {
      if (!target.checkedOnly || !built.has(target.name)) continue;
      const key = `${target.name}:checked`;
      try {
        const result = timed(timings, `checked:${target.name}`, () => buildTarget(checkedTarget(target), model, targetOptions, reusable?.targets.get(key), changed, new Map(), list));
        targetStates.set(key, result.state);
        for (const a of result.state.all) checked.push(a);
      } catch (error) {
        errors.push(internalError(`the ${target.name} target's checked documents`, error));
      }
    }
    if (builds % FRESH_VALIDATION_CACHE_EVERY === FRESH_VALIDATION_CACHE_EVERY - 1) istioTexts = new Map();
    errors.push(...timed(timings, "istio-references", () => checkIstioReferences(artifacts, istioTexts)));
    if (errors.length) return { ...front, diagnostics: sortDiagnostics([...front.diagnostics, ...errors]), artifacts: null, timings, ...none, rebuilt, sources: new Map([...front.sources, ...artifacts.map((a) => [a.path, a.content] as const)]) };

    const invalid: Diagnostic[] = [];
    if (options.validate !== false) {
      timed(timings, "validate", () => {
        if (++builds % FRESH_VALIDATION_CACHE_EVERY === 0) issuesOf = sharedEnvoyIssues();
        for (const a of checked.length ? [...artifacts, ...checked] : artifacts) {
          let found = findings.get(a);
          if (!found) {
            found = [...validateEnvoyArtifacts([a], issuesOf), ...validateIstioArtifacts([a])];
            findings.set(a, found);
          }
          invalid.push(...found);
        }
      });
      // Kubernetes files are rebuilt whole, but most keep their text: findings are kept per text. Only the zones'
      // object files are objects (`kubernetes/<zone>/<name>.yaml`); each zone's kustomization is checked with
      // the files it generates ConfigMaps from.
      const t0 = performance.now();
      const live = new Set<string>();
      for (const a of artifacts) {
        if (!isZoneObjectFile(a.path)) continue;
        live.add(a.content);
        let found = kubernetesFindings.get(a.content);
        if (!found) {
          found = await validateKubernetesArtifacts([a]);
          kubernetesFindings.set(a.content, found);
        }
        invalid.push(...found);
      }
      for (const d of await kustomizations(artifacts)) invalid.push(d);
      timings["validate:kubernetes"] = performance.now() - t0;
      for (const text of kubernetesFindings.keys()) if (!live.has(text)) kubernetesFindings.delete(text);
    }
    const manifest = timed(timings, "manifest", () =>
      manifestOf(artifacts, (a) => {
        let digest = digests.get(a);
        if (digest === undefined) {
          digest = digestOf(a);
          digests.set(a, digest);
        }
        return digest;
      }),
    );
    const all = [...artifacts, manifest];
    const diagnostics = sortDiagnostics([...front.diagnostics, ...invalid]);
    const sources = invalid.length ? new Map([...front.sources, ...[...artifacts, ...checked].map((a) => [a.path, a.content] as const)]) : front.sources;
    if (hasErrors(invalid)) return { ...front, diagnostics, sources, artifacts: null, timings, ...none, rebuilt };

    const { changed: changedPaths, removed } = changesSince(state?.artifacts, all);
    state = { snapshot: snap, targets: targetStates, artifacts: all };
    return { ...front, diagnostics, sources, artifacts: all, timings, changed: changedPaths, removed, rebuilt };
  }

  return {
    rebuild,
    close() {
      if (!options.typecheckSession) typecheckSession.close();
    },
  };
}
