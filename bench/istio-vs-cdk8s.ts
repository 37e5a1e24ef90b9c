// The Istio target's time beside a cdk8s synth of the same objects, in one process, N services each.
//   node --import tsx bench/istio-vs-cdk8s.ts [--sizes 100,1000] [--repeat 5]
// meshc: `target.build(model)` (model → objects → YAML streams, one per zone and service). cdk8s: the same
// objects, read back from meshc's output before the clock starts, as plain `ApiObject`s in one Chart per zone,
// then `app.synthYaml()`. Runs alternate after one warm-up of each; the median is reported. Prints one JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ApiObject, App, Chart } from "cdk8s";
import { parseAllDocuments } from "yaml";
import { compileModel, type MeshModel, targets } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,1000" }, repeat: { type: "string", default: "5" }, seed: { type: "string", default: "1" } } });
const sizes = values.sizes!.split(",").map(Number);
const repeat = Number(values.repeat);
const istio = targets.find((t) => t.name === "istio");
if (!istio) throw new Error("no istio target in the registry");

async function modelOf(size: number): Promise<MeshModel> {
  const mesh = generateMesh({ services: size, seed: Number(values.seed) });
  const dir = mkdtempSync(join(tmpdir(), `meshc-istio-bench-${size}-`));
  try {
    writeMesh(dir, mesh.files);
    const { model } = await compileModel(join(dir, mesh.entry));
    if (!model) throw new Error("the generated mesh did not compile");
    return model;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One Chart per zone (istio/<zone>/…): cdk8s synthesizes each chart after resolving and validating the whole app,
// so one Chart per file (3 003 at N = 1 000) made the synth quadratic in the files (403 s at N = 1 000).
function cdk8sSynth(files: readonly { path: string; objects: Record<string, unknown>[] }[]): string {
  const app = new App();
  const charts = new Map<string, Chart>();
  let id = 0;
  for (const file of files) {
    const zone = file.path.split("/")[1]!;
    let chart = charts.get(zone);
    if (!chart) charts.set(zone, (chart = new Chart(app, zone)));
    for (const o of file.objects) new ApiObject(chart, `o${id++}`, o as never);
  }
  return app.synthYaml();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(size: number): Promise<object> {
  const model = await modelOf(size);
  const options = { drills: [], istioApi: "v1" as const };
  const artifacts = istio!.build(model, options);
  const files = artifacts.map((a) => ({ path: a.path, objects: parseAllDocuments(a.content).map((d) => d.toJS() as Record<string, unknown>) }));
  const objects = files.reduce((n, f) => n + f.objects.length, 0);
  const meshcMs: number[] = [];
  const cdk8sMs: number[] = [];
  let cdk8sBytes = 0;
  for (let run = 0; run <= repeat; run++) {
    let t = performance.now();
    istio!.build(model, options);
    const m = performance.now() - t;
    t = performance.now();
    cdk8sBytes = cdk8sSynth(files).length;
    const c = performance.now() - t;
    // Run 0 warms both up (JIT, caches) and is not counted.
    if (run > 0) {
      meshcMs.push(m);
      cdk8sMs.push(c);
    }
  }
  const meshc = median(meshcMs);
  const cdk8s = median(cdk8sMs);
  return { size, files: files.length, objects, meshcBytes: artifacts.reduce((n, a) => n + a.content.length, 0), cdk8sBytes, meshcMs: meshc, cdk8sMs: cdk8s, ratio: meshc / cdk8s, runs: repeat };
}

async function main(): Promise<void> {
  const rows = [];
  for (const size of sizes) rows.push(await measure(size));
  process.stdout.write(JSON.stringify({ repeat, rows }) + "\n");
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: [error instanceof Error ? error.message : String(error)] }) + "\n");
});
