// The helper thread of both-cores.ts: loads Envoy's protos, then checks the units it is sent and answers with
// their answers, and with the cache keys of the texts it found clean (the build's cache records them). Between
// chunks it keeps the resources, documents and messages it found clean (envoy/clean-subtrees.ts), as strings of
// their own: no file it is sent, so that a build's files, each sent once, are not all held twice.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { HelperAnswer } from "./both-cores";
import { cleanKeys, readCleanKeys } from "./clean-cache";
import { warmEnvoyProtos } from "./envoy";
import { type Unit, type UnitAnswer, unitChecker } from "./validation-unit";

export interface ThreadRequest {
  readonly id: number;
  readonly units: readonly Unit[];
  /** Whether the build keeps a cache, which wants the keys of the texts found clean. */
  readonly keys: boolean;
}

if (parentPort) {
  const port = parentPort;
  // Answers go on their own port (both-cores.ts reads them while it is busy); "ready" on the thread's own.
  const { answers, cacheDir } = workerData as { answers: MessagePort; cacheDir?: string };
  // What the build's cache held: those texts are clean without a look (a rebuild), and Envoy's protos are then
  // loaded only if a text is not among them.
  const known = cacheDir === undefined ? new Set<string>() : readCleanKeys(cacheDir);
  if (known.size === 0) warmEnvoyProtos();
  // The thread lives for one validation run (both-cores.ts ends it), and so does its memo.
  let keys = false;
  const clean = cleanKeys(() => keys, known);
  const check = unitChecker(clean, false);
  port.postMessage({ ready: true });
  // Chunks are answered one after another, in the order sent (two are in flight, so one waits here, not there).
  let previous = Promise.resolve();
  const answer = async (request: ThreadRequest) => {
    keys = request.keys;
    const found: UnitAnswer[] = [];
    for (const unit of request.units) found.push(await check(unit));
    answers.postMessage({ id: request.id, answers: found, keys: clean.fresh(), cacheHits: clean.hits } satisfies HelperAnswer);
  };
  port.on("message", (request: ThreadRequest) => {
    previous = previous.then(() => answer(request));
  });
}
