// A build's validation on both cores. A cold build of 1 000 services checks ~190 MB of Envoy documents, ~40 MB
// of Kubernetes objects and ~12 MB of Istio objects: ~13 s of CPU in one thread while the other core idles (the
// type check is done early). So the distinct texts the checkers would read (each Envoy document or xDS resource:
// envoy/unchecked-units.ts; each Kubernetes object document: kubernetes/unchecked-documents.ts; each Istio file)
// are collected first and checked in chunks by this thread and by one helper thread (thread-entry.ts), each taking the next
// chunk when it is done; then the ordinary walks over the artifacts run with those answers at hand.
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
import { uncheckedUnits } from "./envoy/unchecked-units";
import { uncheckedIstioFiles, validateIstioArtifacts } from "./istio";
import { validateKubernetesArtifacts } from "./kubernetes";
import { uncheckedKubernetesDocuments } from "./kubernetes/unchecked-documents";
import type { ThreadRequest } from "./thread-entry";
import { type Unit, type UnitAnswer, unitChecker } from "./validation-unit";

/** Below this much unchecked text one thread is faster. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 512 * 1024;

/** What both threads found: Envoy findings by kind and text, the Kubernetes documents found clean, Istio files' findings. */
export interface Answers {
  readonly envoy: ByKindAndText<Issue[]>;
  readonly clean: Set<string>;
  readonly istio: Map<string, Diagnostic[]>;
}

function chunksOf(units: readonly Unit[], chunkBytes: number): Unit[][] {
  const chunks: Unit[][] = [];
  let chunk: Unit[] = [];
  let bytes = 0;
  for (const unit of units) {
    chunk.push(unit);
    bytes += unit[1].length;
    if (bytes >= chunkBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** Loads thread-entry in a worker the way this process loads TypeScript (through tsx when it runs from source). */
function startThread(): Worker {
  const entry = require.resolve("./thread-entry");
  // An eval'd thread resolves `require` from the working directory: from outside the repository tsx was not found,
  // the helper failed to start and everything was checked on this thread.
  const source = `${entry.endsWith(".ts") ? `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();` : ""}require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface BothCoresOptions {
  /** @default 512 KiB */
  readonly chunkBytes?: number;
  /** Start only once the helper is ready (tests, to see it work on small inputs). @default false */
  readonly waitForHelper?: boolean;
}

/** The answers for `units`, checked on this thread and a helper thread; `helperChunks`: how many the helper took. */
export async function checkOnBothCores(units: readonly Unit[], options: BothCoresOptions = {}): Promise<Answers & { helperChunks: number }> {
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
  const queue = chunksOf(units, options.chunkBytes ?? CHUNK_BYTES);
  const away = new Map<number, Unit[]>();
  let ids = 0;
  let failed = false;
  let helperDone: () => void = () => {};
  let helperReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (helperReady = resolve));
  const helperIdle = new Promise<void>((resolve) => (helperDone = resolve));
  const worker = startThread();
  const giveNext = () => {
    const chunk = queue.shift();
    if (!chunk) return helperDone();
    const id = ids++;
    away.set(id, chunk);
    worker.postMessage({ id, units: chunk } satisfies ThreadRequest);
  };
  worker.on("message", (m: { ready?: true; id?: number; answers?: UnitAnswer[] }) => {
    if (m.id !== undefined) {
      record(away.get(m.id)!, m.answers!);
      away.delete(m.id);
      helperChunks++;
    }
    helperReady();
    giveNext();
  });
  const fail = () => {
    if (failed) return;
    failed = true;
    // What the helper held comes back to this thread.
    for (const chunk of away.values()) queue.push(chunk);
    away.clear();
    helperReady();
    helperDone();
  };
  worker.on("error", fail);
  worker.on("exit", fail);
  const check = unitChecker();
  try {
    if (options.waitForHelper) await ready;
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        checkBudget();
        const answers: UnitAnswer[] = [];
        for (const unit of chunk) answers.push(await check(unit));
        record(chunk, answers);
        await nextTurn(); // lets the helper's answers in, so it is handed its next chunk
        continue;
      }
      if (failed || away.size === 0) break;
      await Promise.race([helperIdle, new Promise<void>((resolve) => worker.once("message", () => resolve()))]);
      await nextTurn();
    }
  } finally {
    worker.removeAllListeners("exit");
    await worker.terminate();
  }
  return { envoy, clean, istio, helperChunks };
}

/** The units a build's validation would check, Envoy's first (the helper starts while this thread takes them). */
export function unitsToCheck(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], kubernetesArtifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache): Unit[] {
  const units: Unit[] = uncheckedUnits(envoyArtifacts, cache);
  for (const text of uncheckedKubernetesDocuments(kubernetesArtifacts, cache)) units.push(["kubernetes", text]);
  for (const text of uncheckedIstioFiles(kubernetesArtifacts, cache)) units.push(["istio", text]);
  return units;
}

/**
 * `validateEnvoyArtifacts` (over `envoyArtifacts`: the written files and the checked-only documents),
 * `validateKubernetesArtifacts` and `validateIstioArtifacts` (over `artifacts`, the written files), with the cache,
 * their checking spread over both cores when there is enough of it: the same diagnostics in the same order.
 * `timings` gets "validate" (both cores, then the Envoy walk), then "validate:kubernetes" and "validate:istio"
 * (their walks after that: what the threads did not answer, and the kustomizations).
 */
export async function validateOnBothCores(envoyArtifacts: readonly { readonly path: string; readonly content: string }[], artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, options: BothCoresOptions & { readonly minBytes?: number; readonly timings?: Record<string, number> } = {}): Promise<{ envoy: Diagnostic[]; kubernetes: Diagnostic[]; istio: Diagnostic[] }> {
  const t0 = performance.now();
  const units = unitsToCheck(envoyArtifacts, artifacts, cache);
  const bytes = units.reduce((n, [, text]) => n + text.length, 0);
  const known = bytes >= (options.minBytes ?? PARALLEL_MIN_BYTES) ? await checkOnBothCores(units, options) : undefined;
  // Documents a thread found clean are clean for later builds too, as if the walk below had found them.
  if (known) for (const text of known.clean) cache.add("kubernetes", text);
  const envoy = validateEnvoyArtifacts(envoyArtifacts, sharedEnvoyIssues(cache, known?.envoy));
  const t1 = performance.now();
  const kubernetes = await validateKubernetesArtifacts(artifacts, cache, known?.clean);
  const t2 = performance.now();
  const istio = validateIstioArtifacts(artifacts, cache, known?.istio);
  if (options.timings) {
    options.timings.validate = t1 - t0;
    options.timings["validate:kubernetes"] = t2 - t1;
    options.timings["validate:istio"] = performance.now() - t2;
  }
  return { envoy, kubernetes, istio };
}
