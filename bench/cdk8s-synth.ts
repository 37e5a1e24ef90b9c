// The cdk8s peer's own process (bench/cdk8s-peer.ts starts it under GNU time, so its peak RSS is its own): a cdk8s
// program as a user would write it for the mesh, one Chart per zone (cluster), one ApiObject per Istio object,
// then `app.synth()` writes one YAML file per chart, as `cdk8s synth` does. It loads cdk8s and nothing of meshc.
//   node --import tsx bench/cdk8s-synth.ts --input <zones.json> --out <dir>
// The input is the mesh's Istio objects as plain data per zone (what the user's program would compute from its
// service catalogue); reading it is timed apart from constructing and synthesizing. Prints one JSON line.
//
// Why one Chart per zone and not per file: `chart.toJson()` (App._synthChart) resolves dependencies and validates
// the whole app, every chart of it, for every chart synthesized, so synth time grows as charts × constructs
// (one Chart per file was 3 003 charts at N = 1 000: 403 s). A user splits charts by deployable unit, a cluster.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ApiObject, App, Chart } from "cdk8s";

interface ZoneObjects {
  readonly zone: string;
  readonly objects: readonly { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }[];
}

const { values } = parseArgs({ options: { input: { type: "string" }, out: { type: "string" } } });

function bytesUnder(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) total += statSync(join(dir, name)).size;
  return total;
}

function main(): object {
  let t = performance.now();
  const zones = JSON.parse(readFileSync(values.input!, "utf8")) as ZoneObjects[];
  const readMs = performance.now() - t;
  t = performance.now();
  const app = new App({ outdir: values.out! });
  let objects = 0;
  for (const { zone, objects: list } of zones) {
    const chart = new Chart(app, zone);
    const ids = new Set<string>();
    for (const o of list) {
      // Construct ids are unique per scope; kind, namespace and name are unique per cluster, except objects the
      // user's program would emit twice (none expected), which keep a counter.
      let id = `${o.kind}-${o.metadata.namespace ?? ""}-${o.metadata.name}`;
      for (let n = 2; ids.has(id); n++) id = `${o.kind}-${o.metadata.namespace ?? ""}-${o.metadata.name}-${n}`;
      ids.add(id);
      new ApiObject(chart, id, o as never);
      objects++;
    }
  }
  const constructMs = performance.now() - t;
  t = performance.now();
  app.synth();
  const synthMs = performance.now() - t;
  return { charts: zones.length, objects, readMs, constructMs, synthMs, outputBytes: bytesUnder(values.out!), peakRssMbSelf: process.resourceUsage().maxRSS / 1024 };
}

process.stdout.write(JSON.stringify(main()) + "\n");
