// The service graph as a Mermaid flowchart, which GitHub renders inside Markdown (a pull-request comment, a
// README). Node ids are generated (n0, n1, …) so no service name is ever Mermaid syntax; labels are quoted
// with Mermaid's entity escapes.
import type { EdgeKind, ServiceGraph } from "./service-graph";

function text(label: string): string {
  return `"${label.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n/g, "<br/>")}"`;
}

const ARROW: Readonly<Record<EdgeKind, string>> = { call: "-->", "denied-call": "-->", "allowed-only": "-.->", mirror: "-.->" };

export function toMermaid(g: ServiceGraph): string {
  const ids = new Map(g.nodes.map((n, i) => [n.name, `n${i}`]));
  const lines = ["flowchart LR"];
  const namespaces = [...new Set(g.nodes.map((n) => n.namespace))];
  namespaces.forEach((ns, i) => {
    lines.push(`  subgraph ns${i}[${text(`namespace ${ns}`)}]`);
    for (const n of g.nodes.filter((x) => x.namespace === ns)) lines.push(`    ${ids.get(n.name)}[${text([n.name, ...n.routes, n.routes.length ? `otherwise ${n.split}` : n.split, ...n.drills.map((d) => `drill: ${d}`)].join("\n"))}]`);
    lines.push("  end");
  });
  const denied: number[] = [];
  g.edges.forEach((e, i) => {
    if (e.kind === "denied-call") denied.push(i);
    lines.push(`  ${ids.get(e.from)} ${ARROW[e.kind]}${e.label ? `|${text(e.label)}|` : ""} ${ids.get(e.to)}`);
  });
  if (denied.length) lines.push(`  linkStyle ${denied.join(",")} stroke:#c00000,stroke-width:2px`);
  return lines.join("\n") + "\n";
}
