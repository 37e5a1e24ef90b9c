// `meshc graph <entry|output folder> [--format svg|dot|mermaid] [--out file]`: the service graph
// (compiler/review/graph), laid out by Graphviz for SVG.
import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import type { CommandContext } from "./command-context";

export function addGraphCommand(program: Command, ctx: CommandContext): void {
  program
    .command("graph")
    .description("Draw the service graph: calls, access rules, versions and weights, mirrors, drills.")
    .argument("<policy>", "a policy entry file or a build output folder")
    .addOption(new Option("--format <format>", "output format").choices(["svg", "dot", "mermaid"]).default("svg"))
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (policy: string, opts: { format: "svg" | "dot" | "mermaid"; out?: string }) => {
      const { loadModel } = require("./diff-sides") as typeof import("./diff-sides");
      const loaded = await loadModel(policy);
      if (!loaded.ok) {
        if ("usage" in loaded) ctx.usage(loaded.usage);
        ctx.report(loaded.failed);
        ctx.setStatus(1);
        return;
      }
      const { serviceGraph } = require("../review/graph/service-graph") as typeof import("../review/graph/service-graph");
      const { toDot } = require("../review/graph/dot") as typeof import("../review/graph/dot");
      const { toMermaid } = require("../review/graph/mermaid") as typeof import("../review/graph/mermaid");
      const { toSvg } = require("../review/graph/svg") as typeof import("../review/graph/svg");
      const graph = serviceGraph(loaded.side.model);
      const text = opts.format === "dot" ? toDot(graph) : opts.format === "mermaid" ? toMermaid(graph) : await toSvg(graph);
      if (opts.out) writeFileSync(opts.out, text);
      else ctx.io.out(text);
    });
}
