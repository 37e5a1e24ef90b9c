// A build's validation on both cores. A cold build of 1 000 services checks ~190 MB of Envoy documents, ~40 MB
// of Kubernetes objects and ~12 MB of Istio objects: ~9 s of CPU. So the distinct texts the checkers would read
// (each Envoy document or xDS resource: envoy/unchecked-units.ts; each Kubernetes object document:
// kubernetes/unchecked-documents.ts; each Istio file) are checked in chunks by this thread and by one helper
// thread (thread-entry.ts), each taking the next chunk when it is done; then the ordinary walks over the
// artifacts run with those answers at hand. For a big mesh the cache has not seen, the helper is started before
// the targets (its start-up then overlaps them), is sent the Envoy target's first units as soon as that target has
// built (ValidationStart: it checks them while this thread builds the others), and the rest of the units are
// collected as the threads take them.
//
// An answer depends on nothing but the unit (validation-unit.ts), so where it was computed cannot change it, and
// the diagnostics and their order are exactly the single-threaded ones (test/validate/both-cores.test.ts).
// Small builds stay on one thread: the helper's start (Envoy's protos load again there) would cost more than it
// saves. A helper that fails gives its chunks back to this thread.
import { Worker } from "node:worker_threads";
import { checkBudget } from "../budget";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { CleanCache } from "./clean-cache";
import { ByKindAndText, type Issue, sharedEnvoyIssues, validateEnvoyArtifacts } from "./envoy";
import { ResourceSplits } from "./envoy/resource-items";
import { EnvoyUnits, uncheckedUnits } from "./envoy/unchecked-units";
import { isIstioArtifact, uncheckedIstioFiles, validateIstioArtifacts } from "./istio";
import { validateKubernetesArtifacts } from "./kubernetes";
import { uncheckedKubernetesDocuments } from "./kubernetes/unchecked-documents";
import type { ThreadRequest } from "./thread-entry";
import { type Unit, type UnitAnswer, unitChecker } from "./validation-unit";

/**
 * Whether a build of `services` services in `zones` zones is worth a helper started before its targets run: a
 * cache holding fewer texts than one per service and zone has not seen most of this mesh's documents (a full
 * build leaves dozens per service and zone), and ~50 services' documents are about PARALLEL_MIN_BYTES.
 */
export function helperWorthStarting(services: number, zones: number, cache: CleanCache): boolean {
  return services >= 50 && cache.size < services * zones;
}

/** Below this much unchecked text one thread is faster. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 512 * 1024;
const IN_FLIGHT = 2;

/** What both threads found: Envoy findings by kind and text, the Kubernetes documents found clean, Istio files' findings. */
export interface Answers {
  readonly envoy: ByKindAndText<Issue[]>;
  readonly clean: Set<string>;
  readonly istio: Map<string, Diagnostic[]>;
}

/**
 * The units in chunks of about `chunkBytes`, made as they are taken: the threads start on the first chunks while
 * this thread is still collecting the rest (that collection is ~0.5 s at N = 1 000). A chunk given back (a helper
 * that failed) is taken first.
 */
class Chunks {
  private readonly back: Unit[][] = [];
  private readonly units: Iterator<Unit>;

  constructor(units: Iterable<Unit>, private readonly chunkBytes: number) {
    this.units = units[Symbol.iterator]();
  }

  take(): Unit[] | undefined {
    const given = this.back.pop();
    if (given) return given;
    const chunk: Unit[] = [];
    let bytes = 0;
    while (bytes < this.chunkBytes) {
      const next = this.units.next();
      if (next.done) break;
      chunk.push(next.value);
      bytes += next.value[1].length;
    }
    return chunk.length ? chunk : undefined;
  }

  giveBack(chunk: Unit[]): void {
    this.back.push(chunk);
  }
}

/** Loads thread-entry in a worker the way this process loads TypeScript (through tsx when it runs from source). */
function startThread(): Worker {
  const entry = require.resolve("./thread-entry");
  // An eval'd thread resolves `require` from the working directory: from outside the repository tsx was not found,
  // the helper failed to start and everything was checked on this thread.
  const source = `${entry.endsWith(".ts") ? `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();` : ""}require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true });
}

/**
 * The helper thread, started before there is anything to check: its start-up (loading meshc's modules and Envoy's
 * protos, ~1 s at first) can then run on the other core while this one runs the targets. `ready` settles true
 * once it can take work, false if it failed first; a helper never handed to `checkOnBothCores` must be `end`ed.
 */
export class HelperThread {
  readonly worker = startThread();
  readonly ready: Promise<boolean>;
  /** Whether the thread has failed or exited: a helper that fails gives its chunks back. */
  gone = false;
  private early?: Early;

  constructor() {
    let settle: (ok: boolean) => void = () => {};
    this.ready = new Promise<boolean>((resolve) => (settle = resolve));
    this.worker.once("message", () => settle(true));
    const fail = () => {
      this.gone = true;
      settle(false);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", fail);
  }

  /**
   * Hands the helper up to `maxBytes` of units now, before the validation begins (`ValidationStart`): it checks
   * them while this thread is still busy, and their answers wait here for `checkOnBothCores`.
   */
  sendAhead(units: Iterable<Unit>, maxBytes: number, chunkBytes = CHUNK_BYTES): number {
    const early: Early = { pending: new Map(), answered: [], ids: 0, listener: () => {} };
    early.listener = (m: { id?: number; answers?: UnitAnswer[] }) => {
      const chunk = m.id === undefined ? undefined : early.pending.get(m.id);
      if (!chunk) return;
      early.pending.delete(m.id!);
      early.answered.push({ chunk, answers: m.answers! });
    };
    this.worker.on("message", early.listener);
    this.early = early;
    const chunks = new Chunks(units, chunkBytes);
    let sent = 0;
    while (sent < maxBytes) {
      const chunk = chunks.take();
      if (!chunk) break;
      const id = early.ids++;
      early.pending.set(id, chunk);
      this.worker.postMessage({ id, units: chunk } satisfies ThreadRequest);
      for (const unit of chunk) sent += unit[1].length;
    }
    return sent;
  }

  /** What `sendAhead` handed over and what came back of it, once: its listener is removed. */
  takeEarly(): Omit<Early, "listener"> | undefined {
    const early = this.early;
    if (!early) return undefined;
    this.worker.off("message", early.listener);
    this.early = undefined;
    return early;
  }

  async end(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

/** Chunks sent ahead: those away by id, those answered, the next id. */
interface Early {
  readonly pending: Map<number, Unit[]>;
  readonly answered: { readonly chunk: Unit[]; readonly answers: UnitAnswer[] }[];
  ids: number;
  listener: (m: { id?: number; answers?: UnitAnswer[] }) => void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface BothCoresOptions {
  /** @default 512 KiB */
  readonly chunkBytes?: number;
  /** Start only once the helper is ready (tests, to see it work on small inputs). @default false */
  readonly waitForHelper?: boolean;
  /** A helper started earlier (`new HelperThread()`); this call ends it. @default one started now */
  readonly helper?: HelperThread;
}

/** The answers for `units`, checked on this thread and a helper thread; `helperChunks`: how many the helper took. */
export async function checkOnBothCores(units: Iterable<Unit>, options: BothCoresOptions = {}): Promise<Answers & { helperChunks: number }> {
  const envoy = new ByKindAndText<Issue[]>();
  const clean = new Set<string>();
  const istio = new Map<string, Diagnostic[]>();
  let helperChunks = 0;
  const record = (chunk: readonly Unit[], answers: readonly UnitAnswer[]) =>
    chunk.forEach(([kind, text], i) => {
      const answer = answers[i]!;
      if (kind === "kubernetes") {
        if (answer === true) clean.add(text);
      } else if (kind === "istio") istio.set(text, answer as Diagnostic[]);
      else envoy.set(kind, text, answer as Issue[]);
    });
  const queue = new Chunks(units, options.chunkBytes ?? CHUNK_BYTES);
  const helper = options.helper ?? new HelperThread();
  const { worker } = helper;
  const away = new Map<number, Unit[]>();
  let ids = 0;
  const early = helper.takeEarly();
  if (early) {
    for (const { chunk, answers } of early.answered) record(chunk, answers);
    helperChunks += early.answered.length;
    for (const [id, chunk] of early.pending) away.set(id, chunk);
    ids = early.ids;
  }
  let helperDone: () => void = () => {};
  const helperIdle = new Promise<void>((resolve) => (helperDone = resolve));
  // Two chunks in flight: the helper's answer waits until this thread is between chunks of its own, and the
  // helper would sit idle meanwhile (~30 % of its time at N = 1 000 with one).
  // Chunks are made as they are taken, here too, in the worker's event handler: what collecting them throws is
  // kept for this thread to throw (out of a handler it would end the process), and the helper is given no more.
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  const giveNext = () => {
    while (!helper.gone && !failure && away.size < IN_FLIGHT) {
      let chunk: Unit[] | undefined;
      try {
        chunk = queue.take();
      } catch (error) {
        failure = { error };
        helperDone();
        return;
      }
      if (!chunk) {
        if (away.size === 0) helperDone();
        return;
      }
      const id = ids++;
      away.set(id, chunk);
      worker.postMessage({ id, units: chunk } satisfies ThreadRequest);
    }
  };
  const onAnswer = (m: { id?: number; answers?: UnitAnswer[] }) => {
    if (m.id === undefined || !away.has(m.id)) return;
    record(away.get(m.id)!, m.answers!);
    away.delete(m.id);
    helperChunks++;
    giveNext();
  };
  worker.on("message", onAnswer);
  const onFailure = () => {
    // What the helper held comes back to this thread.
    for (const chunk of away.values()) queue.giveBack(chunk);
    away.clear();
    helperDone();
  };
  worker.on("error", onFailure);
  worker.on("exit", onFailure);
  // A helper that failed before now (holding chunks sent ahead) fired its events unheard.
  if (helper.gone) onFailure();
  void helper.ready.then((ok) => (ok ? giveNext() : onFailure()));
  const check = unitChecker();
  try {
    if (options.waitForHelper) await helper.ready;
    for (;;) {
      rethrow();
      const chunk = queue.take();
      if (chunk) {
        checkBudget();
        const answers: UnitAnswer[] = [];
        for (const unit of chunk) answers.push(await check(unit));
        record(chunk, answers);
        await nextTurn(); // lets the helper's answers in, so it is handed its next chunk
        continue;
      }
      rethrow();
      if (helper.gone || away.size === 0) break;
      await Promise.race([helperIdle, new Promise<void>((resolve) => worker.once("message", () => resolve()))]);
      await nextTurn();
    }
  } finally {
    worker.off("message", onAnswer);
    await helper.end();
  }
  return { envoy, clean, istio, helperChunks };
}

/** How much of the Envoy target's text the helper is handed before the other targets are built (~1 s of its work). */
const AHEAD_BYTES = 16 * 1024 * 1024;

/**
 * A build's validation, begun while its targets are still being built: once the Envoy target has built, the
 * helper (started before the targets: helperWorthStarting) is handed its first units, and checks them on the
 * other core while this one builds the kubernetes and istio targets (~1.3 s at N = 1 000). `units` then gives what
 * is left. The helper is the caller's to end (validateOnBothCores ends it too).
 */
export class ValidationStart {
  readonly splits = new ResourceSplits();
  private readonly envoy: EnvoyUnits;
  private rest: Iterator<Unit> | undefined;

  constructor(
    readonly helper: HelperThread,
    private readonly cache: CleanCache,
    private readonly aheadBytes = AHEAD_BYTES,
  ) {
    this.envoy = new EnvoyUnits(cache, this.splits);
  }

  /** After each target: the first that built Envoy documents has their first `aheadBytes` sent to the helper. */
  built(artifacts: readonly { readonly path: string; readonly content: string }[]): void {
    if (this.rest) return;
    const units = this.envoy.of(artifacts);
    if (this.helper.sendAhead({ [Symbol.iterator]: () => units }, this.aheadBytes) > 0) this.rest = units;
  }

  /** The units not sent ahead: the rest of the Envoy target's, then as eachUnitToCheck (what was seen is not again). */
  *units(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], kubernetesArtifacts: readonly { readonly path: string; readonly content: string }[]): Generator<Unit> {
    const rest = this.rest;
    if (rest) yield* { [Symbol.iterator]: () => rest };
    yield* this.envoy.of(envoyArtifacts);
    yield* otherUnits(kubernetesArtifacts, this.cache);
  }
}

function* otherUnits(kubernetesArtifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache): Generator<Unit> {
  for (const text of uncheckedKubernetesDocuments(kubernetesArtifacts, cache)) yield ["kubernetes", text];
  for (const text of uncheckedIstioFiles(kubernetesArtifacts, cache)) yield ["istio", text];
}

/** The units a build's validation would check, Envoy's first, collected as they are taken. */
export function* eachUnitToCheck(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], kubernetesArtifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, splits = new ResourceSplits()): Generator<Unit> {
  yield* uncheckedUnits(envoyArtifacts, cache, splits);
  yield* otherUnits(kubernetesArtifacts, cache);
}

/** The units a build's validation would check, all at once. */
export function unitsToCheck(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], kubernetesArtifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, splits = new ResourceSplits()): Unit[] {
  return [...eachUnitToCheck(envoyArtifacts, kubernetesArtifacts, cache, splits)];
}

/**
 * `validateEnvoyArtifacts` (over `envoyArtifacts`: the written files and the checked-only documents),
 * `validateKubernetesArtifacts` and `validateIstioArtifacts` (over `artifacts`, the written files), with the cache,
 * their checking spread over both cores when there is enough of it: the same diagnostics in the same order.
 * `timings` gets "validate" (both cores, then the Envoy walk), then "validate:kubernetes" and, with Istio files,
 * "validate:istio" (their walks after that: what the threads did not answer, and the kustomizations).
 */
export async function validateOnBothCores(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, options: Omit<BothCoresOptions, "helper"> & { readonly minBytes?: number; readonly timings?: Record<string, number>; readonly start?: ValidationStart } = {}): Promise<{ envoy: Diagnostic[]; kubernetes: Diagnostic[]; istio: Diagnostic[] }> {
  const t0 = performance.now();
  const { start } = options;
  const splits = start?.splits ?? new ResourceSplits();
  let known: Answers | undefined;
  if (start) {
    // Begun during the targets for a big mesh its cache has not seen: the rest is taken as collected.
    known = await checkOnBothCores(start.units(envoyArtifacts, artifacts), { ...options, helper: start.helper });
  } else {
    const units = unitsToCheck(envoyArtifacts, artifacts, cache, splits);
    const bytes = units.reduce((n, [, text]) => n + text.length, 0);
    if (bytes >= (options.minBytes ?? PARALLEL_MIN_BYTES)) known = await checkOnBothCores(units, options);
  }
  // Documents a thread found clean are clean for later builds too, as if the walk below had found them.
  if (known) for (const text of known.clean) cache.add("kubernetes", text);
  const envoy = validateEnvoyArtifacts(envoyArtifacts, sharedEnvoyIssues(cache, known?.envoy, splits));
  const t1 = performance.now();
  const kubernetes = await validateKubernetesArtifacts(artifacts, cache, known?.clean);
  const t2 = performance.now();
  // A build without Istio files never loads the Istio schemas (nor says it validated them).
  const withIstio = artifacts.some((a) => isIstioArtifact(a.path));
  const istio = withIstio ? validateIstioArtifacts(artifacts, cache, known?.istio) : [];
  if (options.timings) {
    options.timings.validate = t1 - t0;
    options.timings["validate:kubernetes"] = t2 - t1;
    if (withIstio) options.timings["validate:istio"] = performance.now() - t2;
  }
  return { envoy, kubernetes, istio };
}
