// The only orchestrator: load → typecheck → normalize → check → targets → (emit, by the caller).
// Every stage returns data; diagnostics are collected, located, de-duplicated and sorted once, here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Artifact, DEFAULT_ISTIO_API, type IstioApi, joinPieces, type Target, type TargetOptions } from "../targets/target";
import { BudgetExceeded, budgetDiagnostic, checkBudget, DEFAULT_BUDGET_MS, inStage, startBudget } from "./budget";
import { runChecks } from "./checks/registry";
import { xdsDeliveryFindings } from "./checks/xds-delivery";
import { codes } from "./diagnostics/codes";
import { type Diagnostic, hasErrors } from "./diagnostics/diagnostic";
import { locate } from "./diagnostics/locate";
import { sortDiagnostics } from "./diagnostics/sort";
import { forgetContentDigests } from "./emit/content-digest";
import { manifestOf } from "./emit/manifest";
import { load, type LoadOptions } from "./load";
import type { MeshModel } from "./model";
import { normalize, type ServiceMemo } from "./normalize";
import { internalError, timed } from "./stage";
import { packagedFiles, runOrder } from "./target-order";
import { targets as allTargets } from "./target-registry";
import { HelperThread, helperWorthStarting, ValidationStart, validateOnBothCores } from "./validate/both-cores";
import { NO_CACHE, openCleanCache } from "./validate/clean-cache";
import { checkIstioReferences } from "./validate/istio-references";
import { loadAllSchemas } from "./validate/kubernetes";
import { REGISTRY_FILE, renderRegistry, typecheck, type TypecheckInput, type TypecheckSession } from "./typecheck";

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
  /** Check every generated Envoy document against Envoy's protos, every Kubernetes object against its schema, and every Istio object against Istio's CRDs, before anything is written. @default true */
  readonly validate?: boolean;
  readonly targets?: readonly Target[];
  readonly load?: LoadOptions;
  /** Milliseconds for normalize, checks, targets and validation together (the type check is apart);
   * past it the build ends with MESH016. @default DEFAULT_BUDGET_MS */
  readonly budgetMs?: number;
  /** The Istio API version the istio target writes. @default "v1" */
  readonly istioApi?: IstioApi;
  /** How sidecars get their config, and what runs the xDS servers (TargetOptions). @default "files" */
  readonly delivery?: TargetOptions["delivery"];
  readonly xdsServer?: TargetOptions["xdsServer"];
  /** A folder where validation remembers, by content, the documents it found clean, so a later build checks only
   * the others (compiler/validate/clean-cache.ts; `meshc build` uses $XDG_CACHE_HOME/meshc). @default none */
  readonly validationCache?: string;
  /** For the native checker: a session whose build info a later build of the same policy reuses (the watch path). */
  readonly typecheckSession?: TypecheckSession;
  /** Services normalized by an earlier build of the same policy, reused where their text is unchanged (the watch path; normalize/service-memo.ts). */
  readonly serviceMemo?: ServiceMemo;
  /**
   * Called with the artifacts as the targets make them, before they are validated, so a writer may start
   * writing them where no one reads yet (`meshc build`: emit/staged-write.ts). The result's `artifacts` stay
   * what to write: they may hold more (the manifest), and with errors there are none.
   */
  readonly stage?: (artifacts: readonly Artifact[]) => void;
  /**
   * Start the validation's helper thread before the policy is loaded: its start-up (meshc's modules, Envoy's
   * protos) then runs on the core the load leaves idle instead of beside the targets. It is ended unused when the
   * mesh is too small for it or its documents are cached. For one large build (`meshc build`); a caller making
   * many small builds would start a thread for each. @default false
   */
  readonly startHelperEarly?: boolean;
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


/** What the targets cannot express for this model (TargetFinding → Diagnostic; the catalogue decides severity). */
function targetFindings(model: MeshModel, list: readonly Target[], options: TargetOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const target of list) {
    if (!target.findings) continue;
    try {
      for (const f of target.findings(model, options)) {
        const info = (codes as Record<string, { severity: Diagnostic["severity"] } | undefined>)[f.code];
        if (!info) throw new Error(`unknown diagnostic code ${f.code}`);
        out.push({ code: f.code, severity: info.severity, message: f.message, path: f.path, ...(f.hint ? { hint: f.hint } : {}) });
      }
    } catch (error) {
      out.push(internalError(`the ${target.name} target's findings`, error));
    }
  }
  return out;
}

function runTargets(model: MeshModel, list: readonly Target[], options: TargetOptions, timings: Record<string, number>, withChecked: boolean, onBuilt?: (artifacts: readonly Artifact[]) => void): { artifacts: Artifact[]; modelFile?: Artifact; checked: Artifact[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const built = new Map<string, readonly Artifact[]>();
  let order: Target[];
  try {
    order = runOrder(list);
  } catch (error) {
    return { artifacts: [], checked: [], diagnostics: [internalError("ordering the targets", error)] };
  }
  // What is handed on as it is made (onBuilt: the validation's start, the staged write) is timed apart from the targets.
  let handing = 0;
  const hand = (piece: readonly Artifact[]) => {
    const t = performance.now();
    onBuilt!(piece);
    handing += performance.now() - t;
  };
  for (const target of order) {
    checkBudget();
    const packaged = packagedFiles(target, built);
    if (!packaged) continue; // a target it packages failed, and said so
    const handed = handing;
    const t0 = performance.now();
    try {
      const artifacts = onBuilt && target.pieces ? joinPieces(target.pieces(model, options, packaged), hand) : target.build(model, options, packaged);
      if (onBuilt && !target.pieces) hand(artifacts);
      built.set(target.name, artifacts);
    } catch (error) {
      if (error instanceof BudgetExceeded) throw error;
      diagnostics.push(internalError(`the ${target.name} target`, error));
    } finally {
      timings[`target:${target.name}`] = (timings[`target:${target.name}`] ?? 0) + performance.now() - t0 - (handing - handed);
    }
  }
  // The staged write's part of the handing is timed by the build as "stage".
  if (onBuilt) timings["validate:ahead"] = handing - (timings.stage ?? 0);
  const modelFile: Artifact = { path: "model.json", content: JSON.stringify(model, null, 2) + "\n" };
  const artifacts: Artifact[] = [modelFile];
  // A loop, not push(...): spreading 180 000 artifacts (N = 10 000) as arguments overflows the stack.
  for (const target of list) for (const artifact of built.get(target.name) ?? []) artifacts.push(artifact);
  // What is checked and never written (Target.checkedOnly), of the targets that built; made only to be checked.
  const checked: Artifact[] = [];
  for (const target of withChecked ? list : []) {
    if (!target.checkedOnly || !built.has(target.name)) continue;
    try {
      for (const a of timed(timings, `checked:${target.name}`, () => target.checkedOnly!.build(model, options))) checked.push(a);
    } catch (error) {
      if (error instanceof BudgetExceeded) throw error;
      diagnostics.push(internalError(`the ${target.name} target's checked documents`, error));
    }
  }
  return { artifacts, modelFile, checked, diagnostics };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  // With the cache folder: on a rebuild the helper looks the files up there, and loads Envoy's protos only for a text
  // it does not hold (thread-entry.ts).
  const early = options.startHelperEarly && options.validate !== false && options.emit !== false ? { helper: new HelperThread(options.validationCache), taken: false } : undefined;
  try {
    return await buildWith(options, early);
  } finally {
    if (early && !early.taken) await early.helper.end();
  }
}

async function buildWith(options: BuildOptions, early: { readonly helper: HelperThread; taken: boolean } | undefined): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const start = performance.now();
  forgetContentDigests();
  // The Kubernetes schemas, loaded while the policy loads: the validation then decides the objects the targets
  // hand it from their values as they are made, without waiting (validate/kubernetes/written-documents.ts).
  const schemas = options.validate !== false && options.emit !== false ? loadAllSchemas().catch(() => undefined) : undefined;
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

  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const spent = () => (timings.normalize ?? 0) + (timings.checks ?? 0);
  let normalized: ReturnType<typeof normalize>;
  const endNormalize = startBudget(budgetMs);
  try {
    normalized = timed(timings, "normalize", () => inStage("normalize", () => normalize(loaded.mesh as never, options.serviceMemo)));
  } catch (error) {
    return finish([error instanceof BudgetExceeded ? budgetDiagnostic(error) : internalError("normalize", error)], null, null, null);
  } finally {
    endNormalize();
  }
  const { model, diagnostics: normalizeDiagnostics } = normalized;
  const registry = renderRegistry(model.services.map((s) => ({ name: s.name, versions: s.versions })));
  const diagnostics: Diagnostic[] = [...normalizeDiagnostics, ...staleRegistry(loaded.root, registry, options.entry)];

  // The type check is a separate process (tsc7): it runs on the other core while this one runs the checks,
  // the targets and the validation, and is awaited before anything is returned. Its findings decide exactly as
  // when it ran first: with a type error, the result is the front end's findings and the type errors, nothing
  // the targets made (and no finding about it). TypeScript's own checker is still not the policy's cost: it is
  // outside the budget, which only counts this process's stages.
  const typeChecked = startTypecheck(options.checker ?? "tsc7", { root: loaded.root, files: loaded.files, registry, session: options.typecheckSession });
  // The front end's findings (checks, drills), for the result with a type error; taken before the targets.
  let frontEnd: Diagnostic[] | null = null;
  let outcome: Outcome;
  const endRest = startBudget(Math.max(1, budgetMs - spent()));
  try {
    outcome = await afterTypecheck();
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    outcome = [[...diagnostics, budgetDiagnostic(error)], model, null, registry];
    // Out of budget in the checks: that is the front end's result. In the targets: a type error would not have
    // let them run, so the front end's findings stand.
    frontEnd ??= outcome[0];
  } finally {
    endRest();
  }
  const types = await typeChecked();
  if (types.typecheckMs !== undefined) timings.typecheck = types.typecheckMs;
  if (hasErrors(types.found)) return finish([...(frontEnd ?? outcome[0]), ...types.found], model, null, registry);
  return finish([...outcome[0], ...types.found], ...(outcome.slice(1) as OutcomeRest));

  async function afterTypecheck(): Promise<Outcome> {
    const finish = (...args: Outcome): Outcome => args;
    diagnostics.push(...timed(timings, "checks", () => inStage("checks", () => runChecks(model))));
    const known = new Set(model.drills.map((d) => d.name));
    for (const drill of options.drills ?? []) {
      if (!known.has(drill)) {
        diagnostics.push({ code: "MESH500", severity: "error", message: `the build names drill '${drill}', which the policy does not define.`, path: "mesh.drills", hint: known.size ? `defined drills: ${[...known].join(", ")}` : "the policy defines no drills" });
      }
    }
    if (options.delivery === "xds") diagnostics.push(...timed(timings, "delivery", () => xdsDeliveryFindings(model)));
    frontEnd = [...diagnostics];
    const list = options.targets ?? allTargets;
    const targetOptions: TargetOptions = { drills: [...(options.drills ?? [])].sort(), istioApi: options.istioApi ?? DEFAULT_ISTIO_API, delivery: options.delivery, xdsServer: options.xdsServer };
    // Only a model without errors is handed to targets, so what a target cannot express is asked only then.
    if (!hasErrors(diagnostics)) diagnostics.push(...timed(timings, "findings", () => targetFindings(model, list, targetOptions)));
    if (hasErrors(diagnostics) || options.emit === false) return finish(diagnostics, model, null, registry);

    const cache = options.validate === false ? undefined : options.validationCache ? openCleanCache(options.validationCache) : NO_CACHE;
    // Started now, the validation's helper thread gets ready on the other core while this one runs the targets,
    // and is handed the documents of each piece the targets make as they make it (Target.pieces).
    const worth = cache && helperWorthStarting(model.services.length);
    if (early) {
      // Taken by the validation, which ends it; or not needed, and ended now rather than held to the end.
      early.taken = true;
      if (!worth) void early.helper.end();
    }
    const start = worth ? new ValidationStart(early?.helper ?? new HelperThread(options.validationCache), cache) : undefined;
    if (start) await schemas;
    const stage = options.stage;
    const handOn = start || stage ? (piece: readonly Artifact[]) => (start?.built(piece), stage && timed(timings, "stage", () => stage(piece))) : undefined;
    try {
      const built = inStage("targets", () => runTargets(model, list, targetOptions, timings, cache !== undefined, handOn));
      if (built.diagnostics.length) return finish([...diagnostics, ...built.diagnostics], model, null, registry);
      if (stage && built.modelFile) timed(timings, "stage", () => stage([built.modelFile!]));
      // What no per-object schema can see (make-before-break among the Istio objects): always, like the targets.
      const broken = timed(timings, "istio-references", () => inStage("validate", () => checkIstioReferences(built.artifacts)));
      if (broken.length) return finish([...diagnostics, ...broken], model, null, registry, built.artifacts);
      if (cache) {
        const found = await inStage("validate", () => validateOnBothCores(built.checked.length ? [...built.artifacts, ...built.checked] : built.artifacts, built.artifacts, cache, { timings, start }));
        const invalid = [...found.envoy, ...found.kubernetes, ...found.istio];
        cache.save();
        // A generated document Envoy or the API server would reject is meshc's bug, never the author's: nothing is written.
        if (invalid.length) return finish([...diagnostics, ...invalid], model, hasErrors(invalid) ? null : [...built.artifacts, manifestOf(built.artifacts)], registry, [...built.artifacts, ...built.checked]);
      }
      return finish(diagnostics, model, [...built.artifacts, manifestOf(built.artifacts)], registry);
    } finally {
      await start?.helper.end();
    }
  }
}

type Outcome = [diagnostics: Diagnostic[], model: MeshModel | null, artifacts: Artifact[] | null, registry: string | null, generated?: readonly Artifact[]];
type OutcomeRest = [model: MeshModel | null, artifacts: Artifact[] | null, registry: string | null, generated?: readonly Artifact[]];

/**
 * Starts the type check and returns how to wait for its findings. A rejection (the checker could not run) is
 * held until it is awaited, so it surfaces where it did when the check ran first.
 */
function startTypecheck(checker: Checker, input: Omit<TypecheckInput, "checker">): () => Promise<{ found: Diagnostic[]; typecheckMs?: number }> {
  if (checker === "none") return async () => ({ found: [] });
  const t0 = performance.now();
  const settled = typecheck({ ...input, checker }).then(
    (found) => ({ found, typecheckMs: performance.now() - t0 }),
    (error: unknown) => ({ error }),
  );
  return async () => {
    const r = await settled;
    if ("error" in r) throw r.error;
    return r;
  };
}
