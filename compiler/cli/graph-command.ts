// `meshc graph <entry|output folder> [--format svg|dot|mermaid] [--out file]`: the service graph
// (compiler/review/graph), laid out by Graphviz for SVG.
import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { toDot } from "../review/graph/dot";
import { toMermaid } from "../review/graph/mermaid";
import { serviceGraph } from "../review/graph/service-graph";
import { toSvg } from "../review/graph/svg";
import type { CommandContext } from "./command-context";
import { loadModel } from "./diff-sides";

export function addGraphCommand(program: Command, ctx: CommandContext): void {
  program
    .command("graph")
    .description("Draw the service graph: calls, access rules, versions and weights, mirrors, drills.")
    .argument("<policy>", "a policy entry file or a build output folder")
    .addOption(new Option("--format <format>", "output format").choices(["svg", "dot", "mermaid"]).default("svg"))
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (policy: string, opts: { format: "svg" | "dot" | "mermaid"; out?: string }) => {
      const loaded = await loadModel(policy);
      if (!loaded.ok) {
        if ("usage" in loaded) ctx.usage(loaded.usage);
        ctx.report(loaded.failed);
        ctx.setStatus(1);
        return;
      }
      const graph = serviceGraph(loaded.side.model);
      const text = opts.format === "dot" ? toDot(graph) : opts.format === "mermaid" ? toMermaid(graph) : await toSvg(graph);
      if (opts.out) writeFileSync(opts.out, text);
      else ctx.io.out(text);
    });
}
