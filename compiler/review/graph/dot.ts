// The service graph in Graphviz's DOT language: a cluster per namespace, a node per service with its split,
// request routes, ports and drills, an edge per relation (style by kind, explained in a legend). Every string
// from the policy is quoted and escaped, so no name can end a string or inject an attribute.
import type { EdgeKind, GraphNode, ServiceGraph } from "./service-graph";

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's own `\n` centred lines. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

const EDGE_STYLE: Readonly<Record<EdgeKind, string>> = {
  call: 'color="#1f4e79", penwidth=1.4',
  "denied-call": 'color="#c00000", style=bold, fontcolor="#c00000"',
  "allowed-only": 'color="#8c8c8c", style=dotted, fontcolor="#6c6c6c", arrowhead=empty',
  mirror: 'color="#7030a0", style=dashed, fontcolor="#7030a0"',
};

function label(n: GraphNode): string {
  return [
    n.name,
    ...n.routes,
    n.routes.length ? `otherwise ${n.split}` : n.split,
    n.ports,
    ...n.drills.map((d) => `drill: ${d}`),
    ...(n.open ? ["admits every service"] : []),
  ].join("\n");
}

export function toDot(g: ServiceGraph): string {
  const lines = [
    `digraph ${dotString(g.mesh)} {`,
    "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.35, ranksep=0.9, labelloc=t];",
    `  label=${dotString(`mesh ${g.mesh}: calls (blue), refused calls (red), callers allowed but not calling (dotted), mirrors (dashed)`)};`,
    "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f8fc\", color=\"#5b7fa6\", fontname=\"Helvetica\", fontsize=10];",
    "  edge [fontname=\"Helvetica\", fontsize=9];",
  ];
  const namespaces = [...new Set(g.nodes.map((n) => n.namespace))];
  namespaces.forEach((ns, i) => {
    lines.push(`  subgraph ${dotString(`cluster_${i}`)} {`, `    label=${dotString(`namespace ${ns}`)}; style="rounded,dashed"; color="#9aa9b8";`);
    for (const n of g.nodes.filter((x) => x.namespace === ns)) {
      const drill = n.drills.length ? ', fillcolor="#fff4e5", color="#d08a00"' : "";
      lines.push(`    ${dotString(n.name)} [label=${dotString(label(n))}${drill}];`);
    }
    lines.push("  }");
  });
  for (const e of g.edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [${EDGE_STYLE[e.kind]}${e.label ? `, label=${dotString(e.label)}` : ""}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
