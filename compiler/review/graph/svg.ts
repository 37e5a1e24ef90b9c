// The service graph as SVG, laid out by Graphviz (compiled to WebAssembly, @viz-js/viz): dot's layered layout
// for a directed graph, nothing placed by hand. Graphviz is deterministic: the same DOT gives the same SVG.
import { instance } from "@viz-js/viz";
import { toDot } from "./dot";
import type { ServiceGraph } from "./service-graph";

export async function toSvg(g: ServiceGraph): Promise<string> {
  const viz = await instance();
  const result = viz.render(toDot(g), { format: "svg", engine: "dot" });
  if (result.status !== "success" || result.output === undefined) {
    throw new Error(`Graphviz could not lay out the graph: ${result.errors.map((e) => e.message).join("; ")}`);
  }
  return result.output;
}
