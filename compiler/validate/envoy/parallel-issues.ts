// Envoy validation on both cores. A cold build of 1 000 services checks ~190 MB of Envoy documents, ~9 s of
// CPU in one thread while the other core idles (the type check is done within a second). So the distinct texts
// the shared checker would check (each document, or each resource of an xDS file: resource-items.ts) are
// collected first and checked in chunks by this thread and by one helper thread (thread-entry.ts), each taking
// the next chunk when it is done; then the ordinary walk over the artifacts runs with those findings at hand.
//
// Findings depend on nothing but (kind, text), so where a text was checked cannot change them, and the
// diagnostics and their order are exactly the single-threaded ones (test/validate/parallel-issues.test.ts).
// Small builds stay on one thread: the helper's start (Envoy's protos load again there, ~1 s) would cost more
// than it saves. A helper that fails gives its chunks back to this thread.
import { Worker } from "node:worker_threads";
import { checkBudget } from "../../budget";
import type { CleanCache } from "../clean-cache";
import { type EnvoyDocumentKind, envoyDocuments } from "./documents";
import type { Issue } from "./issue";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { CleanSubtrees, envoyIssues, envoyKindOf, sharedEnvoyIssues, validateEnvoyArtifacts } from "./index";
import { ByKindAndText, itemDocument, resourceItems } from "./resource-items";
import type { ThreadRequest } from "./thread-entry";

type Unit = readonly [EnvoyDocumentKind, string];

/** Below this much unchecked text one thread is faster. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 512 * 1024;

/** The distinct texts the shared checker will check, minus those the cache holds clean. */
export function uncheckedUnits(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache): Unit[] {
  const seen = new ByKindAndText<true>();
  const units: Unit[] = [];
  const add = (kind: EnvoyDocumentKind, text: string) => {
    if (seen.has(kind, text)) return;
    seen.set(kind, text, true);
    if (!cache.has(`envoy:${kind}`, text)) units.push([kind, text]);
  };
  // A file text seen before has its units already (most files repeat: versions and zones share them).
  const files = new ByKindAndText<true>();
  for (const a of artifacts) {
    const kind = a.path.startsWith("envoy/") ? envoyKindOf(a.path) : undefined;
    if (!kind || files.has(kind, a.content)) continue;
    files.set(kind, a.content, true);
    const items = envoyDocuments[kind].resource ? resourceItems(a.content) : null;
    if (items) for (const item of items) add(kind, itemDocument(item));
    else add(kind, a.content);
  }
  return units;
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

/**
 * The findings of `units`, by kind and text, checked on this thread and a helper thread. Findings keep only their
 * offsets, as the shared checker keeps them.
 */
export interface BothCoresOptions {
  /** @default 512 KiB */
  readonly chunkBytes?: number;
  /** Start only once the helper is ready (tests, to see it work on small inputs). @default false */
  readonly waitForHelper?: boolean;
}

export async function checkOnBothCores(units: readonly Unit[], options: BothCoresOptions = {}): Promise<{ issues: ByKindAndText<Issue[]>; helperChunks: number }> {
  const found = new ByKindAndText<Issue[]>();
  let helperChunks = 0;
  const record = (chunk: readonly Unit[], issues: readonly Issue[][]) => chunk.forEach(([kind, text], i) => found.set(kind, text, issues[i]!));
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
  worker.on("message", (m: { ready?: true; id?: number; issues?: Issue[][] }) => {
    if (m.id !== undefined) {
      record(away.get(m.id)!, m.issues!);
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
  const subtrees = new CleanSubtrees();
  try {
    if (options.waitForHelper) await ready;
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        checkBudget();
        record(chunk, chunk.map(([kind, text]) => envoyIssues(kind, text, subtrees).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }))));
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
  return { issues: found, helperChunks };
}

/**
 * `validateEnvoyArtifacts` with the cache, its checking spread over both cores when there is enough of it: the
 * same diagnostics in the same order.
 */
export async function validateEnvoyOnBothCores(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache, options: BothCoresOptions & { readonly minBytes?: number } = {}): Promise<Diagnostic[]> {
  const units = uncheckedUnits(artifacts, cache);
  const bytes = units.reduce((n, [, text]) => n + text.length, 0);
  const known = bytes >= (options.minBytes ?? PARALLEL_MIN_BYTES) ? (await checkOnBothCores(units, options)).issues : undefined;
  return validateEnvoyArtifacts(artifacts, sharedEnvoyIssues(cache, known));
}
