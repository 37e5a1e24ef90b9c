// The helper thread of parallel-issues.ts: loads Envoy's protos, then checks the documents it is sent and
// answers with their findings (offsets only, as `memoized` keeps them). It holds no state between chunks.
import { parentPort } from "node:worker_threads";
import type { EnvoyDocumentKind } from "./documents";
import { envoyIssues, warmEnvoyProtos } from "./index";

export interface ThreadRequest {
  readonly id: number;
  readonly units: readonly (readonly [EnvoyDocumentKind, string])[];
}

if (parentPort) {
  const port = parentPort;
  warmEnvoyProtos();
  port.postMessage({ ready: true });
  port.on("message", (request: ThreadRequest) => {
    const issues = request.units.map(([kind, text]) => envoyIssues(kind, text).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } })));
    port.postMessage({ id: request.id, issues });
  });
}
