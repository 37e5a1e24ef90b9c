// The server side of bench/serve-xds.ts, in its own process so its peak RSS is its own: `meshc serve` for one
// zone, every headless Service resolving to one synthetic IPv6 pod. Prints {"port"} and then each push as JSON.
import { parseArgs } from "node:util";
import { serveXds } from "../compiler/api";
import { syntheticEndpoints } from "./synthetic-endpoints";

const { values } = parseArgs({ options: { entry: { type: "string" }, zone: { type: "string" }, validate: { type: "boolean", default: false } } });

const endpoints = syntheticEndpoints();

// On SIGTERM the server closes (its streams, its esbuild service) and exits normally, so --cpu-prof
// (bench/serve-xds.ts --prof) writes its profile; exiting without closing left esbuild's service to die with
// "all goroutines are asleep - deadlock!".
let closing: Promise<unknown> | undefined;

// The last build's phases (compiler/build.ts timings), printed with its push.
let timings: Record<string, number> = {};
const ms = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));

serveXds({ entry: values.entry!, zone: values.zone!, listen: "[::1]:0", checker: "none", endpoints, validate: values.validate, onBuild: (r) => (timings = ms(r.timings)), log: (l) => process.stderr.write(l + "\n"), onPush: (e) => process.stdout.write(JSON.stringify({ push: { changed: e.changed.length, pushed: e.pushed, ms: Math.round(e.ms), policyMs: Math.round(e.policyMs), timings } }) + "\n") }).then((s) => {
  if (!s.ok) throw new Error(s.reason);
  process.once("SIGTERM", () => (closing ??= s.server.close().then(() => process.exit(0))));
  process.stdout.write(JSON.stringify({ port: s.server.port }) + "\n");
});
