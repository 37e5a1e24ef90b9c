// The helper thread of parallel-issues.ts: loads Envoy's protos, then checks the documents it is sent and
// answers with their findings (offsets only, as `memoized` keeps them). Between chunks it keeps only the messages it
// found clean (clean-subtrees.ts).
import { parentPort } from "node:worker_threads";
import type { EnvoyDocumentKind } from "./documents";
import { CleanSubtrees, envoyIssues, warmEnvoyProtos } from "./index";

export interface ThreadRequest {
  readonly id: number;
  readonly units: readonly (readonly [EnvoyDocumentKind, string])[];
}

if (parentPort) {
  const port = parentPort;
  warmEnvoyProtos();
  // The thread lives for one validation run (parallel-issues.ts ends it), and so does its memo.
  const subtrees = new CleanSubtrees();
  port.postMessage({ ready: true });
  port.on("message", (request: ThreadRequest) => {
    const issues = request.units.map(([kind, text]) => envoyIssues(kind, text, subtrees).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } })));
    port.postMessage({ id: request.id, issues });
  });
}
