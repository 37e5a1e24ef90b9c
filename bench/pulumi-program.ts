// The Pulumi program (infra/) on a generated mesh under Pulumi's engine mocks, in its own process: how long the
// program takes to compile the policy, plan the rollout and register every resource with the engine, how many
// resources each zone's stack part holds, and how many dependency edges the engine is handed. The real engine's
// own cost per resource (diffs against state, provider calls) comes on top; docs/benchmark.md says how a
// stack is split from these numbers.
//   node --import tsx bench/pulumi-program.ts --size 1000 [--mode meshc|istio] [--delivery files|xds] [--seed 1]
// Prints one JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { installMocks, registered } from "../infra/engine-mocks";
import { compilePolicy } from "../infra/compile";
import { deployCompiled } from "../infra/program";
import type { Mode, StackConfig } from "../infra/stack-config";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string" }, mode: { type: "string", default: "meshc" }, delivery: { type: "string", default: "files" }, seed: { type: "string", default: "1" } } });
const size = Number(values.size);
const mode = values.mode as Mode;
const delivery = values.delivery as "files" | "xds";
const registrations = installMocks("meshc-bench", "bench");

async function main(): Promise<object> {
  const work = mkdtempSync(join(tmpdir(), `meshc-pulumi-${size}-`));
  try {
    const mesh = generateMesh({ services: size, seed: Number(values.seed) });
    writeMesh(join(work, "policy"), mesh.files);
    const loadAtStart = loadavg()[0];
    const zones = ["zone-a", "zone-b", "zone-c"];
    const config: StackConfig = { policy: join(work, "policy", mesh.entry), mode, istioApi: "v1", istioWaitForReconciled: true, drills: [], delivery, ...(delivery === "xds" ? { xdsServer: { image: "registry.example/meshc-serve:bench", entry: "/etc/meshc/policy/mesh.ts" } } : {}), zones: zones.map((name) => ({ name, clusterIdentifier: name })) };
    const t0 = performance.now();
    const compiled = await compilePolicy(config);
    const compileMs = performance.now() - t0;
    const t1 = performance.now();
    const deployed = deployCompiled(compiled, config);
    const planMs = performance.now() - t1;
    await registered(deployed.zones.flatMap((z) => [z.provider, ...z.resources.values()]));
    const registerMs = performance.now() - t1 - planMs;
    const perZone: Record<string, { resources: number; edges: number }> = {};
    for (const r of registrations) {
      const zone = r.type.startsWith("kubernetes:") ? r.name.split("/")[0]! : "(providers and components)";
      const z = (perZone[zone] ??= { resources: 0, edges: 0 });
      z.resources++;
      z.edges += r.dependencies.length;
    }
    return { size, mode, delivery, resources: registrations.length, perZone, compileMs, planMs, registerMs, programMs: planMs + registerMs, peakRssMb: process.resourceUsage().maxRSS / 1024, loadAtStart, loadAtEnd: loadavg()[0] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  },
  (error: Error) => {
    process.stdout.write(JSON.stringify({ size, mode, error: [String(error.message).slice(0, 2000)] }) + "\n");
    process.exit(1);
  },
);
