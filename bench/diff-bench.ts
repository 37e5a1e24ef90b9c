// `meshc diff` of two 1 000-service builds (issue 18), in its own process; prints one JSON line.
//   node --import tsx bench/diff-bench.ts [--size 1000] [--seed 1]
// Builds a generated mesh (no type check, no Envoy validation) into a folder, then two heads with a one-line
// change each — a canary weight of an ordinary service (a few callers) and of the most-called hub — and times
// the diff of the build folders: reading model.json and manifest.json, the semantic diff with its blast radius
// (candidates rebuilt through the Envoy target), the Markdown comment, and the whole CLI as a reviewer runs it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build, type DiffSide, diffMarkdown, semanticDiff, writeAtomically } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, seed: { type: "string", default: "1" } } });
const size = Number(values.size);

async function buildInto(entry: string, out: string): Promise<number> {
  const result = await build({ entry, checker: "none", validate: false });
  if (!result.artifacts) throw new Error(result.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("; "));
  await writeAtomically(out, result.artifacts);
  return result.artifacts.length;
}

function readSide(dir: string): DiffSide {
  return { label: dir, model: JSON.parse(readFileSync(join(dir, "model.json"), "utf8")), manifest: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) };
}

/** Shifts one point of `service`'s canary weight in its team file; returns false when it has none. */
function shiftCanary(policy: string, team: string, service: string): boolean {
  const file = join(policy, "teams", `${team}.ts`);
  const marker = `service(${JSON.stringify(service)}`;
  const [before, after] = readFileSync(file, "utf8").split(marker) as [string, string];
  const body = after.split("});")[0]!;
  if (!/to: \{ v1: \d+, v2: \d+ \}/.test(body)) return false;
  writeFileSync(file, `${before}${marker}${after.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - 1}, v2: ${Number(b) + 1} }`)}`);
  return true;
}

async function main(): Promise<object> {
  const work = mkdtempSync(join(tmpdir(), `meshc-diff-bench-${size}-`));
  try {
    const mesh = generateMesh({ services: size, seed: Number(values.seed) });
    writeMesh(join(work, "base"), mesh.files);
    const files = await buildInto(join(work, "base", mesh.entry), join(work, "out-base"));
    const ordinary = [...mesh.services].filter((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8);
    const hubs = [...mesh.services].filter((s) => s.hub).sort((a, b) => b.callers.length - a.callers.length);
    const cases: object[] = [];
    for (const [label, candidates] of [["ordinary service", ordinary], ["hub", hubs]] as const) {
      const policy = join(work, `head-${cases.length}`);
      writeMesh(policy, mesh.files);
      const target = candidates.find((s) => shiftCanary(policy, s.team, s.name));
      if (!target) {
        cases.push({ label, error: "no service with a canary to change" });
        continue;
      }
      const out = join(work, `out-head-${cases.length}`);
      await buildInto(join(policy, mesh.entry), out);
      let t = performance.now();
      const base = readSide(join(work, "out-base"));
      const head = readSide(out);
      const readMs = performance.now() - t;
      t = performance.now();
      const diff = semanticDiff(base, head);
      const diffMs = performance.now() - t;
      t = performance.now();
      const markdown = diffMarkdown(diff);
      const markdownMs = performance.now() - t;
      t = performance.now();
      const cli = spawnSync(process.execPath, [join(__dirname, "../bin/meshc.js"), "diff", join(work, "out-base"), out, "--format", "markdown"], { encoding: "utf8", maxBuffer: 64 << 20 });
      const cliMs = performance.now() - t;
      if (cli.status !== 0) throw new Error(`meshc diff exited ${cli.status}: ${cli.stderr}`);
      cases.push({
        label,
        service: target.name,
        callers: target.callers.length,
        changes: diff.changes.length,
        candidates: diff.blastRadius.candidates,
        sidecarsChanged: diff.blastRadius.changed.length,
        filesChanged: diff.files?.changed.length,
        readMs,
        diffMs,
        markdownMs,
        markdownChars: markdown.length,
        cliMs,
      });
    }
    return { size, files, cases, peakRssMb: process.resourceUsage().maxRSS / 1024 };
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
