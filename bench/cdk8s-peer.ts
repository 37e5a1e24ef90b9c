// The cdk8s peer of `meshc build` at N services (issue 19): the same services' Istio objects, synthesized by a
// cdk8s program in a child process of its own (cdk8s-synth.ts), timed and measured as measure-cli.ts measures
// meshc: GNU time's wall, user + system CPU and peak RSS.
//   node --import tsx bench/cdk8s-peer.ts --size 1000 [--seed 1]
// Before the child starts (not measured): the mesh is generated, compiled, and its Istio target's files read
// back (js-yaml) as plain objects per zone, the data the user's program would hold. cdk8s then constructs an
// ApiObject per object and writes the YAML. Prints one JSON line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadAll } from "js-yaml";
import { compileModel, targets } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string" }, seed: { type: "string", default: "1" } } });
const size = Number(values.size);
const TIME = "/usr/bin/time";

/** The Istio target's objects, grouped by zone (istio/<zone>/<file>.yaml). */
async function istioObjectsByZone(work: string): Promise<{ zone: string; objects: unknown[] }[]> {
  const mesh = generateMesh({ services: size, seed: Number(values.seed) });
  writeMesh(join(work, "policy"), mesh.files);
  const { model } = await compileModel(join(work, "policy", mesh.entry));
  if (!model) throw new Error("the generated mesh did not compile");
  const istio = targets.find((t) => t.name === "istio");
  if (!istio) throw new Error("no istio target in the registry");
  const zones = new Map<string, unknown[]>();
  for (const a of istio.build(model, { drills: [], istioApi: "v1" })) {
    const zone = a.path.split("/")[1]!;
    const list = zones.get(zone) ?? [];
    for (const o of loadAll(a.content)) if (o) list.push(o);
    zones.set(zone, list);
  }
  return [...zones].map(([zone, objects]) => ({ zone, objects }));
}

async function main(): Promise<object> {
  if (!existsSync(TIME)) return { size, error: [`${TIME} (GNU time) is needed to read the child's peak memory`] };
  const work = mkdtempSync(join(tmpdir(), `meshc-cdk8s-${size}-`));
  try {
    const input = join(work, "zones.json");
    writeFileSync(input, JSON.stringify(await istioObjectsByZone(work)));
    const loadAtStart = loadavg()[0];
    const r = spawnSync(TIME, ["-f", "CDK8S-TIME %e %U %S %M", process.execPath, "--import", "tsx", join(__dirname, "cdk8s-synth.ts"), "--input", input, "--out", join(work, "dist")], { encoding: "utf8", maxBuffer: 64 << 20 });
    const line = /CDK8S-TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !line) return { size, error: [`exit ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`] };
    const inner = JSON.parse(r.stdout.trim().split("\n").pop()!);
    return { size, wallMs: Number(line[1]) * 1000, cpuMs: (Number(line[2]) + Number(line[3])) * 1000, peakRssMb: Number(line[4]) / 1024, ...inner, loadAtStart, loadAtEnd: loadavg()[0] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e) => {
    process.stdout.write(JSON.stringify({ size, error: [String(e?.stack ?? e)] }) + "\n");
    process.exitCode = 1;
  },
);
