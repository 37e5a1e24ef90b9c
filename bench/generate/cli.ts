// Writes a synthetic mesh to a folder:
//   node --import tsx bench/generate/cli.ts <dir> [--services 3000] [--teams 20] [--seed 1] [--calls 5]
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateMesh } from "./generate-mesh";
import { writeMesh } from "./write-mesh";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { services: { type: "string", default: "1000" }, teams: { type: "string", default: "20" }, seed: { type: "string", default: "1" }, calls: { type: "string", default: "5" } },
});
if (positionals.length !== 1) {
  console.error("usage: bench/generate/cli.ts <dir> [--services N] [--teams T] [--seed S] [--calls K]");
  process.exit(2);
}
const mesh = generateMesh({ services: Number(values.services), teams: Number(values.teams), seed: Number(values.seed), calls: Number(values.calls) });
const dir = resolve(positionals[0]!);
writeMesh(dir, mesh.files);
console.log(`${mesh.services.length} services in ${mesh.files.size} files → ${dir}`);
