// The atomic write alone, at mesh scale: builds the generated mesh once (no type check, no validation), then
// writes its artifacts with writeAtomically into one folder `--writes` times: the first into nothing, the
// others replacing the previous output, as a user's next `meshc build` does. Wall and process CPU per write.
//   node --import tsx bench/write-output.ts [--size 1000] [--writes 3]
// Prints one JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build, writeAtomically } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, writes: { type: "string", default: "3" } } });
const load = () => loadavg()[0]!.toFixed(1);

async function main(): Promise<object> {
  const mesh = generateMesh({ services: Number(values.size) });
  const work = mkdtempSync(join(tmpdir(), "meshc-bench-write-"));
  writeMesh(join(work, "policy"), mesh.files);
  const result = await build({ entry: join(work, "policy", mesh.entry), checker: "none", validate: false });
  if (!result.artifacts) throw new Error(result.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("; "));
  const out = join(work, "out");
  const writes: object[] = [];
  for (let i = 0; i < Number(values.writes); i++) {
    const loadAtStart = load();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await writeAtomically(out, result.artifacts);
    const cpu = process.cpuUsage(cpu0);
    writes.push({ replaces: i > 0, wallMs: Math.round(performance.now() - t0), userMs: Math.round(cpu.user / 1000), systemMs: Math.round(cpu.system / 1000), loadAtStart });
  }
  rmSync(work, { recursive: true, force: true });
  return { size: Number(values.size), paths: result.artifacts.length, writes };
}

main().then((r) => console.log(JSON.stringify(r)), (e) => (console.error(e), process.exit(1)));
