// The Pulumi program's section of the benchmark report: per size and mode, resources per zone, dependency edges,
// and the time the mocked program takes (compile, construct, register), from bench/pulumi-program.ts.
const s = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);

export function pulumiMarkdown(rows: readonly any[]): string[] {
  if (!rows.length) return [];
  const lines = ["## The Pulumi program under engine mocks (bench/pulumi-program.ts)", ""];
  lines.push("Compile: `compilePolicy` (type check, checks, the mode's targets, validation). Construct: the rollout plan and every resource object. Register: until the mock engine has answered every RegisterResource. A real engine adds its own per-resource work (diff against the state, provider calls, checkpoints).", "");
  const head = ["N", "mode (delivery)", "resources", "per zone", "edges", "compile", "construct", "register", "program (construct + register)", "peak RSS", "load at start / end"];
  const out = rows.map((r) => {
    if (r.error) return [String(r.size), `${r.mode} (${r.delivery ?? "files"})`, `failed: ${String(r.error[0]).slice(0, 200)}`, "", "", "", "", "", "", "", ""];
    const zones = Object.entries(r.perZone as Record<string, { resources: number; edges: number }>).filter(([z]) => !z.startsWith("("));
    const edges = zones.reduce((n, [, z]) => n + z.edges, 0);
    return [String(r.size), `${r.mode} (${r.delivery ?? "files"})`, String(r.resources), zones.map(([, z]) => z.resources).join(" / "), String(edges), s(r.compileMs), s(r.planMs), s(r.registerMs), `**${s(r.programMs)}**`, `${Math.round(r.peakRssMb)} MiB`, `${r.loadAtStart.toFixed(1)} / ${r.loadAtEnd.toFixed(1)}`];
  });
  lines.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...out.map((c) => `| ${c.join(" | ")} |`), "");
  return lines;
}
