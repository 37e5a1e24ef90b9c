// A build's validation on both cores. A cold build of 1 000 services checks ~190 MB of Envoy documents, ~40 MB
// of Kubernetes objects and ~12 MB of Istio objects: ~9 s of CPU. So the distinct texts the checkers would read
// (each Envoy document or xDS resource: envoy/unchecked-units.ts; each Kubernetes object document:
// kubernetes/unchecked-documents.ts; each Istio file) are checked in chunks by this thread and by one helper
// thread (thread-entry.ts), each taking the next chunk when it is done; then the ordinary walks over the
// artifacts run with those answers at hand. For a big mesh the cache has not seen, the helper is started before
// the targets (its start-up then overlaps them), and is kept supplied with the units of each piece the targets
// make (Target.pieces: a service's files) as they make it (ValidationStart: it checks them while this thread
// builds the rest, its answers read between pieces); what is left is collected as the threads take it. Those
// units are whole files: the helper splits them into resources and documents, skips what it found clean before,
// and sends back the cache keys of what it found clean. This thread, the busier one while the targets run, then
// neither splits nor hashes them (at N = 1 000 that was ~0.8 s of it), and the walk after finds each file's
// findings at hand.
//
// An answer depends on nothing but the unit (validation-unit.ts), so where it was computed cannot change it, and
// the diagnostics and their order are exactly the single-threaded ones (test/validate/both-cores.test.ts).
// Small builds stay on one thread: the helper's start (Envoy's protos load again there) would cost more than it
// saves. A helper that fails gives its chunks back to this thread.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { checkBudget } from "../budget";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { type CleanCache, NO_CACHE } from "./clean-cache";
import { ByKindAndText, type Issue, sharedEnvoyIssues, validateEnvoyArtifacts } from "./envoy";
import { ResourceSplits } from "./envoy/resource-items";
import { EnvoyUnits } from "./envoy/unchecked-units";
import { isIstioArtifact, IstioUnits, validateIstioArtifacts } from "./istio";
import { validateKubernetesArtifacts } from "./kubernetes";
import { KubernetesUnits } from "./kubernetes/unchecked-documents";
import type { WrittenDocument } from "../../targets/target";
import type { ThreadRequest } from "./thread-entry";
import { type Unit, type UnitAnswer, unitChecker } from "./validation-unit";

/**
 * Whether a build of `services` services is worth a helper started before its targets: ~50 services' documents are
 * about PARALLEL_MIN_BYTES. With a cache that has seen the mesh too: the helper then looks its files up in the
 * cache instead of checking them (thread-entry.ts), which was this thread's work on a rebuild (splitting every
 * file and hashing every unit: at N = 1 000 the rebuild was slower than the first build).
 */
export function helperWorthStarting(services: number): boolean {
  return services >= 50;
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
 * that failed) is taken first. The units come from an iterable, or from a source that may have more later
 * (`PieceUnits.next`, as the targets make their pieces): undefined from it means none for now.
 */
export class Chunks {
  private readonly back: Unit[][] = [];
  private readonly next: () => Unit | undefined;
  private collected: Unit[] = [];
  private collectedBytes = 0;

  constructor(units: Iterable<Unit> | (() => Unit | undefined), private readonly chunkBytes: number) {
    if (typeof units === "function") this.next = units;
    else {
      const iterator = units[Symbol.iterator]();
      this.next = () => {
        const next = iterator.next();
        return next.done ? undefined : next.value;
      };
    }
  }

  /** The next chunk, or undefined when there is none; `whole`: only a full one (what there is waits for more). */
  take(whole = false): Unit[] | undefined {
    const given = this.back.pop();
    if (given) return given;
    while (this.collectedBytes < this.chunkBytes) {
      const unit = this.next();
      if (!unit) break;
      this.collected.push(unit);
      this.collectedBytes += unit[1].length;
    }
    if (!this.collected.length || (whole && this.collectedBytes < this.chunkBytes)) return undefined;
    const chunk = this.collected;
    this.collected = [];
    this.collectedBytes = 0;
    return chunk;
  }

  giveBack(chunk: Unit[]): void {
    this.back.push(chunk);
  }

  /** The units not taken yet, given back or held for a whole chunk first. */
  *rest(): Generator<Unit> {
    for (let chunk = this.take(); chunk; chunk = this.take()) yield* chunk;
  }
}

/** Loads thread-entry in a worker the way this process loads TypeScript (through tsx when it runs from source). */
function startThread(answers: MessagePort, cacheDir: string | undefined): Worker {
  const entry = require.resolve("./thread-entry");
  // An eval'd thread resolves `require` from the working directory: from outside the repository tsx was not found,
  // the helper failed to start and everything was checked on this thread.
  const source = `${entry.endsWith(".ts") ? `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();` : ""}require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData: { answers, cacheDir }, transferList: [answers] });
}

/**
 * The helper thread, started before there is anything to check: its start-up (loading meshc's modules and Envoy's
 * protos, ~1 s at first) can then run on the other core while this one runs the targets. `ready` settles true
 * once it can take work, false if it failed first; a helper never handed to `checkOnBothCores` must be `end`ed.
 */
export class HelperThread {
  readonly worker: Worker;
  /**
   * The helper's answers, on a port of their own: this thread reads them while it is still busy building (in
   * `supply`, with receiveMessageOnPort), where a worker's own messages wait for this thread's event loop.
   */
  readonly answers: MessagePort;
  readonly ready: Promise<boolean>;
  /** Whether the thread has failed or exited: a helper that fails gives its chunks back. */
  gone = false;
  /** How many texts it took as clean from the build's cache, as of its latest answer (tests, benchmark). */
  cacheHits = 0;
  private early?: Early;

  /** `cacheDir`: the build's cache folder, whose entries the helper reads and takes as clean (a rebuild). */
  constructor(cacheDir?: string) {
    const channel = new MessageChannel();
    this.answers = channel.port1;
    this.worker = startThread(channel.port2, cacheDir);
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
   * Keeps the helper supplied before the validation begins (ValidationStart), while this thread is busy: the
   * answers back so far are read, then whole chunks of `units` are sent while the helper holds less than
   * `leadBytes` unanswered. The answers wait here for `checkOnBothCores`. `keys`: the build keeps a cache, for
   * which the helper makes the keys of what it finds clean.
   */
  supply(chunks: Chunks, leadBytes: number, keys = false): void {
    const early = (this.early ??= { pending: new Map(), answered: [], ids: 0, away: 0 });
    this.readAnswers(early);
    while (early.away < leadBytes) {
      const chunk = chunks.take(true);
      if (!chunk) break;
      const id = early.ids++;
      early.pending.set(id, chunk);
      early.away += bytesOf(chunk);
      this.worker.postMessage({ id, units: chunk, keys } satisfies ThreadRequest);
    }
  }

  private readAnswers(early: Early): void {
    for (let m = receiveMessageOnPort(this.answers); m; m = receiveMessageOnPort(this.answers)) {
      const { id, answers, keys, cacheHits } = m.message as HelperAnswer;
      this.cacheHits = Math.max(this.cacheHits, cacheHits);
      const chunk = early.pending.get(id);
      if (!chunk) continue;
      early.pending.delete(id);
      early.away -= bytesOf(chunk);
      early.answered.push({ chunk, answers, keys });
    }
  }

  /** How many chunks `supply` has sent, and how many of them are answered (read now). */
  supplied(): { chunks: number; answered: number } {
    if (!this.early) return { chunks: 0, answered: 0 };
    this.readAnswers(this.early);
    return { chunks: this.early.ids, answered: this.early.answered.length };
  }

  /** What `supply` handed over and what came back of it so far, once. */
  takeEarly(): Early | undefined {
    const early = this.early;
    if (!early) return undefined;
    this.readAnswers(early);
    this.early = undefined;
    return early;
  }

  async end(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
    this.answers.close();
  }
}

/** The helper's answers to the chunk it was sent as `id`, and the cache keys of the texts it found clean meanwhile. */
export interface HelperAnswer {
  readonly id: number;
  readonly answers: UnitAnswer[];
  readonly keys: string[];
  /** How many texts the helper has taken as clean from the build's cache so far. */
  readonly cacheHits: number;
}

/** Chunks supplied ahead: those away by id and their bytes, those answered, the next id. */
interface Early {
  readonly pending: Map<number, Unit[]>;
  readonly answered: { readonly chunk: Unit[]; readonly answers: UnitAnswer[]; readonly keys: string[] }[];
  ids: number;
  away: number;
}

function bytesOf(chunk: readonly Unit[]): number {
  let bytes = 0;
  for (const unit of chunk) bytes += unit[1].length;
  return bytes;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface BothCoresOptions {
  /** @default 512 KiB */
  readonly chunkBytes?: number;
  /** Start only once the helper is ready (tests, to see it work on small inputs). @default false */
  readonly waitForHelper?: boolean;
  /** A helper started earlier (`new HelperThread()`); this call ends it. @default one started now */
  readonly helper?: HelperThread;
  /** The build's cache: what this thread finds clean is added to it, and what the helper found, by key. @default NO_CACHE */
  readonly cache?: CleanCache;
}

/** The answers for `units`, checked on this thread and a helper thread; `helperChunks`: how many the helper took. */
export async function checkOnBothCores(units: Iterable<Unit>, options: BothCoresOptions = {}): Promise<Answers & { helperChunks: number }> {
  const envoy = new ByKindAndText<Issue[]>();
  const clean = new Set<string>();
  const istio = new Map<string, Diagnostic[]>();
  let helperChunks = 0;
  const cache = options.cache ?? NO_CACHE;
  const learn = (keys: readonly string[]) => {
    for (const key of keys) cache.addKey(key);
  };
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
  const { worker, answers: fromHelper } = helper;
  const away = new Map<number, Unit[]>();
  let ids = 0;
  const early = helper.takeEarly();
  if (early) {
    for (const { chunk, answers, keys } of early.answered) {
      record(chunk, answers);
      learn(keys);
    }
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
      worker.postMessage({ id, units: chunk, keys: cache !== NO_CACHE } satisfies ThreadRequest);
    }
  };
  const onAnswer = (m: HelperAnswer) => {
    helper.cacheHits = Math.max(helper.cacheHits, m.cacheHits);
    if (!away.has(m.id)) return;
    record(away.get(m.id)!, m.answers);
    learn(m.keys);
    away.delete(m.id);
    helperChunks++;
    giveNext();
  };
  fromHelper.on("message", onAnswer);
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
  const check = unitChecker(cache);
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
      await Promise.race([helperIdle, new Promise<void>((resolve) => fromHelper.once("message", () => resolve()))]);
      await nextTurn();
    }
  } finally {
    fromHelper.off("message", onAnswer);
    await helper.end();
  }
  return { envoy, clean, istio, helperChunks };
}

/**
 * How much unanswered work the helper is left holding while this thread builds (ValidationStart): ~0.5 s of its
 * checking at N = 1 000, more than the longest stretch between two pieces (the kubernetes target's zone files,
 * ~0.35 s), and little enough for the threads to share what remains once the targets are built.
 */
const LEAD_BYTES = 6 * 1024 * 1024;

type Files = readonly { readonly path: string; readonly content: string; readonly documents?: readonly WrittenDocument[] }[];

/**
 * The units of the artifacts given so far (the targets' pieces as they are made, then what the validation adds),
 * collected as they are taken (`next`): a file or a unit seen before is not given again. `whole`: each distinct
 * Envoy and Kubernetes object file is one unit, neither split nor looked up in the cache here (the helper does
 * that work, on the core the targets leave idle, ValidationStart); else each distinct resource and document not in
 * the cache is one.
 */
export class PieceUnits {
  private readonly envoy: EnvoyUnits;
  private readonly kubernetes: KubernetesUnits;
  private readonly istio: IstioUnits;
  private readonly given: ([Files, "envoy" | "others" | "all"] | undefined)[] = [];
  private taken = 0;
  private current: Iterator<Unit> | undefined;

  constructor(cache: CleanCache, splits: ResourceSplits, whole = false) {
    this.envoy = new EnvoyUnits(cache, splits, whole);
    this.kubernetes = new KubernetesUnits(cache, whole);
    this.istio = new IstioUnits(cache);
  }

  /**
   * Files whose Envoy documents, or Kubernetes and Istio documents, or all of them, are to be checked. Kubernetes
   * documents handed with their written values are decided from them now (`decideWritten`), and the values are not
   * kept.
   */
  add(files: Files, kinds: "envoy" | "others" | "all", decideWritten = true): void {
    if (kinds !== "envoy" && decideWritten) this.kubernetes.written(files);
    this.given.push([files.some((f) => f.documents) ? files.map((f) => (f.documents ? { path: f.path, content: f.content } : f)) : files, kinds]);
  }

  /** The Kubernetes documents their written values found clean. */
  get writtenClean(): ReadonlySet<string> {
    return this.kubernetes.clean;
  }

  /** The next unit of the files given so far, or undefined when they have no more (until more are added). */
  next(): Unit | undefined {
    for (;;) {
      if (this.current) {
        const next = this.current.next();
        if (!next.done) return next.value;
        this.current = undefined;
      }
      if (this.taken >= this.given.length) return undefined;
      const [files, kinds] = this.given[this.taken]!;
      this.given[this.taken++] = undefined; // the files are held by the build, not here
      this.current = this.unitsOf(files, kinds);
    }
  }

  private *unitsOf(files: Files, kinds: "envoy" | "others" | "all"): Generator<Unit> {
    if (kinds !== "others") yield* this.envoy.of(files);
    if (kinds === "envoy") return;
    for (const text of this.kubernetes.of(files)) yield ["kubernetes", text];
    for (const text of this.istio.of(files)) yield ["istio", text];
  }
}

/**
 * A build's validation, begun while its targets are still being built: the helper (started before the targets:
 * helperWorthStarting) is handed the units of each piece the targets make as they make it (Target.pieces), up to
 * `leadBytes` unanswered, and checks them on the other core while this one builds the rest. `rest` then gives
 * what is left. The helper is the caller's to end (validateOnBothCores ends it too).
 */
export class ValidationStart {
  readonly splits = new ResourceSplits();
  private readonly units: PieceUnits;
  private readonly chunks: Chunks;
  private readonly leadBytes: number;
  private readonly keys: boolean;
  private readonly decideWritten: boolean;

  constructor(
    readonly helper: HelperThread,
    cache: CleanCache,
    sizes: { readonly leadBytes?: number; readonly chunkBytes?: number } = {},
  ) {
    const units = new PieceUnits(cache, this.splits, true);
    this.units = units;
    this.chunks = new Chunks(() => units.next(), sizes.chunkBytes ?? CHUNK_BYTES);
    this.leadBytes = sizes.leadBytes ?? LEAD_BYTES;
    this.keys = cache !== NO_CACHE;
    // With entries in the cache (a rebuild), the helper looks the objects up there, for less than deciding them here.
    this.decideWritten = cache.size === 0;
  }

  /** A piece a target made (or a target's artifacts, when it has no pieces): the helper is kept supplied. */
  built(piece: Files): void {
    this.units.add(piece, "all", this.decideWritten);
    this.helper.supply(this.chunks, this.leadBytes, this.keys);
  }

  /** The Kubernetes documents of the pieces that their written values found clean (PieceUnits.add). */
  get writtenClean(): ReadonlySet<string> {
    return this.units.writtenClean;
  }

  /** The units not yet sent: those of the pieces, then of the artifacts not seen in them (the checked-only documents). */
  rest(envoyArtifacts: Files, kubernetesArtifacts: Files): Iterable<Unit> {
    this.units.add(envoyArtifacts, "envoy");
    this.units.add(kubernetesArtifacts, "others");
    return this.chunks.rest();
  }
}

/** The units a build's validation would check, Envoy's first, all at once. */
export function unitsToCheck(envoyArtifacts: Files, kubernetesArtifacts: Files, cache: CleanCache, splits = new ResourceSplits()): Unit[] {
  const units = new PieceUnits(cache, splits);
  units.add(envoyArtifacts, "envoy");
  units.add(kubernetesArtifacts, "others");
  const all: Unit[] = [];
  for (let unit = units.next(); unit; unit = units.next()) all.push(unit);
  return all;
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
    // Begun during the targets for a big mesh: the rest is taken as collected.
    known = await checkOnBothCores(start.rest(envoyArtifacts, artifacts), { ...options, helper: start.helper, cache });
    for (const text of start.writtenClean) known.clean.add(text);
  } else {
    const units = unitsToCheck(envoyArtifacts, artifacts, cache, splits);
    const bytes = units.reduce((n, [, text]) => n + text.length, 0);
    if (bytes >= (options.minBytes ?? PARALLEL_MIN_BYTES)) known = await checkOnBothCores(units, { ...options, cache });
  }
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
