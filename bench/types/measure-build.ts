// One measurement, in its own process so its peak memory is its own: builds a policy through the public
// API with the given checker (no targets) and prints the type-check stage's time and what it reported.
//   node --import tsx bench/types/measure-build.ts <entry.ts> <tsc7|ts6|none>
import { build, type Checker } from "../../compiler/api";

async function main(): Promise<void> {
  const [entry, checker] = process.argv.slice(2) as [string, Checker];
  const result = await build({ entry, checker, emit: false });
  const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
  const line = { typecheckMs: result.timings.typecheck ?? 0, loadMs: result.timings.load ?? 0, diagnostics: result.diagnostics.length, codes };
  if (result.diagnostics.length > 0) process.stderr.write(`${result.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("\n")}\n`);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

void main();
