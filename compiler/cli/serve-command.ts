// `meshc serve <entry> --zone <z>`: runs the zone's xDS server until Ctrl-C or SIGTERM (compiler/serve). Builds are
// reported like `meshc build --watch` reports them; protocol events (refused nodes, NACKs) go to stderr.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Checker } from "../build";
import type { BuildResult } from "../build";
import { dnsEndpoints, fileEndpoints, type ServerTls, serveXds } from "../serve";
import { report } from "./report";
import { stopSignal } from "./stop-signal";

export interface ServeCommandOptions {
  readonly entry: string;
  readonly zone: string;
  readonly listen: string;
  readonly checker: Checker;
  readonly drills: readonly string[];
  /** A folder with cert-chain.pem, key.pem, root-cert.pem (the pod's CERT_DIR layout); none: plaintext. */
  readonly tlsDir?: string;
  readonly endpoints?: string;
  readonly validate: boolean;
  readonly json: boolean;
  readonly summary: (result: BuildResult) => string;
}

function readTls(dir: string): ServerTls {
  return { cert: readFileSync(join(dir, "cert-chain.pem")), key: readFileSync(join(dir, "key.pem")), ca: readFileSync(join(dir, "root-cert.pem")) };
}

/** Resolves to the exit status once the server stops (SIGINT or SIGTERM: stop-signal.ts), or at once when it cannot start. */
export async function serveCommand(o: ServeCommandOptions, io: { out: (t: string) => void; err: (t: string) => void }): Promise<number> {
  const log = (line: string) => io.err(`meshc serve: ${line}\n`);
  const tls = o.tlsDir ? readTls(o.tlsDir) : undefined;
  // Caught from before the first build: a SIGTERM while the server starts is still a clean stop, once it has.
  const stop = stopSignal();
  try {
    if (!tls) log("no --tls-dir: nodes are trusted by what they claim (plaintext, for development)");
    const started = await serveXds({
      entry: o.entry,
      zone: o.zone,
      listen: o.listen,
      checker: o.checker,
      drills: o.drills,
      tls,
      validate: o.validate,
      endpoints: o.endpoints ? fileEndpoints(o.endpoints, log) : dnsEndpoints(["ipv6", "ipv4"]),
      log,
      onBuild: (result) => report(result, { json: o.json, summary: o.summary(result) }, io.out, io.err),
    });
    if (!started.ok) {
      log(started.reason);
      return started.reason === "the policy has errors" ? 1 : 2;
    }
    io.out(`meshc serve: zone ${o.zone} on port ${started.server.port}${tls ? " (mTLS)" : ""}\n`);
    const signal = await stop.received;
    log(`${signal}: closing the streams`);
    await started.server.close();
    return 0;
  } finally {
    stop.release();
  }
}
