// Type-check time and memory of generated meshes (bench/generate), in two tables for docs/dsl-types.md:
//  1. meshc's typecheck stage through the public API (`build`, no targets), per checker: the stage's time
//     (best of --repeat runs) and the peak RSS of the whole process tree (the native tsc is a child);
//     "none" is the same build without a type check, the memory floor of load + normalize + checks.
//  2. DSL alternatives on the same meshes (alternatives.ts), each checker run directly with --extendedDiagnostics.
//
//   node --import tsx bench/types/run.ts [--sizes 1000,3000,10000] [--checkers tsc7,ts6] [--repeat 3]
//                                        [--alternatives 1000,3000] [--seed 1]
import { loadavg, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateMesh, writeMesh } from "../generate";
import { type Variant, writeVariant } from "./alternatives";
import { checkDirect, type DirectChecker } from "./direct-check";
import { runMeasured } from "./peak-rss";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,3000,10000" },
    checkers: { type: "string", default: "tsc7,ts6" },
    repeat: { type: "string", default: "3" },
    alternatives: { type: "string", default: "1000,3000" },
    seed: { type: "string", default: "1" },
  },
});
const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);
const sizes = list(values.sizes!).map(Number);
const checkers = list(values.checkers!) as DirectChecker[];
const repeat = Math.max(1, Number(values.repeat));
const alternativeSizes = list(values.alternatives!).map(Number);
const seed = Number(values.seed);
const MEASURE = resolve(__dirname, "measure-build.ts");
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} MB` : "?");

interface BuildLine {
  readonly typecheckMs: number;
  readonly diagnostics: number;
  readonly codes: readonly string[];
}

function measureBuild(entry: string, checker: string): { line: BuildLine; peakMb: number } {
  const run = runMeasured(process.execPath, ["--max-old-space-size=16000", "--import", "tsx", MEASURE, entry, checker], resolve(__dirname, "../.."));
  const json = run.stdout.trim().split("\n").pop();
  if (run.status !== 0 || !json) throw new Error(`measure-build ${checker} failed: ${run.stderr.slice(-2000)}`);
  return { line: JSON.parse(json) as BuildLine, peakMb: run.peakMb };
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "meshc-bench-types-"));
  console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}, seed ${seed}, best of ${repeat}\n`);
  try {
    console.log("| services | checker | typecheck stage | peak RSS | diagnostics |");
    console.log("|---:|---|---:|---:|---|");
    for (const services of sizes) {
      const mesh = generateMesh({ services, seed });
      const dir = join(scratch, `mesh-${services}`);
      writeMesh(dir, mesh.files);
      const entry = join(dir, mesh.entry);
      for (const checker of ["none", ...checkers]) {
        let best = Infinity;
        let peak = 0;
        let last: BuildLine | undefined;
        const runs = checker === "none" ? 1 : services >= 10000 ? 1 : repeat;
        for (let i = 0; i < runs; i++) {
          const { line, peakMb } = measureBuild(entry, checker);
          best = Math.min(best, line.typecheckMs);
          peak = Math.max(peak, peakMb);
          last = line;
        }
        // build() skips the type check when the policy cannot be loaded: say so instead of printing 0 s.
        const ran = checker === "none" || last!.typecheckMs > 0;
        const time = checker === "none" ? "—" : ran ? seconds(best) : "not run (load failed)";
        console.log(`| ${services} | ${checker} | ${time} | ${mb(peak)} | ${last!.diagnostics ? last!.codes.join(" ") : "none"} |`);
      }
      rmSync(dir, { recursive: true, force: true });
    }

    if (alternativeSizes.length > 0) {
      console.log("\n| DSL variant | services | checker | check time | total | memory used | peak RSS | errors |");
      console.log("|---|---:|---|---:|---:|---:|---:|---|");
    }
    const variants: Variant[] = ["registry", "registry, name first", "registry, tuple lists", "literal union"];
    for (const services of alternativeSizes) {
      const mesh = generateMesh({ services, seed });
      for (const variant of variants) {
        const dir = join(scratch, `variant-${services}`);
        const tsconfig = writeVariant(dir, mesh.files, mesh.services.map((s) => s.name), variant);
        if (!tsconfig) {
          console.log(`| ${variant} | ${services} | — | n/a: dsl/ already differs from what the variant patches | | | | |`);
          continue;
        }
        for (const checker of checkers) {
          const r = await checkDirect(checker, tsconfig);
          console.log(`| ${variant} | ${services} | ${checker} | ${r.checkSeconds.toFixed(2)} s | ${r.totalSeconds.toFixed(2)} s | ${mb(r.memoryMb)} | ${mb(r.peakMb)} | ${r.errors.join(" ") || "none"} |`);
        }
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
