// The default CLI path, end to end, as users run it: a child process running `meshc build <entry> --out <dir>`
// with every default on (tsc7 type check, semantic checks, every target, Envoy validation, the atomic write).
// Wall time, the child's CPU time, and its peak resident set: GNU time's %M is the largest resident set of
// any process it waited for, so the node process or tsc7, whichever is larger (the two run side by side).
//   node --import tsx bench/measure-cli.ts --size 1000 [--seed 1]
// Prints one JSON line. Measured after the mesh is written, so generation is not in the numbers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string" }, seed: { type: "string", default: "1" } } });
const size = Number(values.size);
const TIME = "/usr/bin/time";

/** Files and bytes of a written folder (hard links counted once per path: what a reader of the folder sees). */
function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(path);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files++;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

function main(): object {
  if (!existsSync(TIME)) return { size, mode: "cli", error: [`${TIME} (GNU time) is needed to read the child's peak memory`] };
  const work = mkdtempSync(join(tmpdir(), `meshc-cli-${size}-`));
  try {
    const mesh = generateMesh({ services: size, seed: Number(values.seed) });
    writeMesh(join(work, "policy"), mesh.files);
    const entry = join(work, "policy", mesh.entry);
    const out = join(work, "out");
    const loadAtStart = loadavg()[0];
    const started = performance.now();
    const r = spawnSync(TIME, ["-f", "MESHC-TIME %e %U %S %M", process.execPath, join(__dirname, "../bin/meshc.js"), "build", entry, "--out", out], { encoding: "utf8", maxBuffer: 64 << 20 });
    const wallMs = performance.now() - started;
    const line = /MESHC-TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !line) return { size, mode: "cli", error: [`exit ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`] };
    const written = folderSize(out);
    return { size, mode: "cli", wallMs, cpuMs: (Number(line[2]) + Number(line[3])) * 1000, peakRssMb: Number(line[4]) / 1024, files: written.files, outputBytes: written.bytes, loadAtStart, loadAtEnd: loadavg()[0] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(main()) + "\n");
