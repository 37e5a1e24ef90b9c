// Times the validation `build()` runs by default (Envoy protos, Kubernetes schemas, Istio CRDs, the cross-object
// Istio check) on a generated mesh, three builds in one process: without a validation cache, then with a fresh
// one (cold: it fills it), then with it filled (warm: a rebuild in which nothing changed):
//   node --import tsx bench/validate-bench.ts [--services 1000]
// Each build's per-phase wall times come from its own `timings`; CPU time is the process's over the build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const arg = process.argv.indexOf("--services");
const services = arg > 0 ? Number(process.argv[arg + 1]) : 1000;
const PHASES = ["istio-references", "validate", "validate:kubernetes", "validate:istio"] as const;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "meshc-validate-bench-"));
  try {
    const mesh = generateMesh({ services, seed: 1 });
    writeMesh(join(work, "policy"), mesh.files);
    const entry = join(work, "policy", mesh.entry);
    const cache = join(work, "cache");
    const rows: Record<string, unknown>[] = [];
    for (const [run, validationCache] of [["no cache", undefined], ["cold cache", cache], ["warm cache", cache]] as const) {
      const c0 = process.cpuUsage();
      const result = await build({ entry, checker: "none", ...(validationCache ? { validationCache } : {}) });
      const c = process.cpuUsage(c0);
      if (!result.artifacts) throw new Error(`the generated mesh does not build: ${result.diagnostics.slice(0, 3).map((d) => d.message).join("; ")}`);
      const ms = Object.fromEntries(PHASES.map((p) => [p, Math.round(result.timings[p] ?? 0)]));
      rows.push({ run, ...ms, validationMs: PHASES.reduce((n, p) => n + (result.timings[p] ?? 0), 0) | 0, buildCpuMs: Math.round((c.user + c.system) / 1000) });
    }
    console.log(JSON.stringify({ services, rows, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 1));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
