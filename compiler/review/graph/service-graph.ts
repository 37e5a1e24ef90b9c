// The service graph as data: a node per service (its namespace, versions with the catch-all split, the routes
// that pick a version by request, ports, drills aimed at it) and an edge per relation: a call the callee admits,
// a call it refuses, a caller its `allowFrom` admits that does not call it, and a route's mirror. Renderers
// (dot.ts, mermaid.ts) only draw this.
import type { MeshModel, ServiceModel } from "../../model";

export type EdgeKind = "call" | "denied-call" | "allowed-only" | "mirror";

export interface GraphNode {
  readonly name: string;
  readonly namespace: string;
  /** "v1 90%, v2 10%" for the catch-all route, or the single version. */
  readonly split: string;
  /** Routes that choose by the request: "gray-accounts → v2". */
  readonly routes: readonly string[];
  readonly ports: string;
  readonly drills: readonly string[];
  /** Every service may call it (allowFrom: null). */
  readonly open: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface ServiceGraph {
  readonly mesh: string;
  /** Sorted by namespace, then name. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by from, to, kind. */
  readonly edges: readonly GraphEdge[];
}

function split(service: ServiceModel): string {
  const last = service.routes[service.routes.length - 1]!;
  return last.destinations.length === 1 ? last.destinations[0]!.version : last.destinations.map((d) => `${d.version} ${d.weight}%`).join(", ");
}

function node(mesh: MeshModel, s: ServiceModel): GraphNode {
  return {
    name: s.name,
    namespace: s.namespace,
    split: split(s),
    routes: s.routes.slice(0, -1).map((r) => `${r.name} → ${r.destinations.map((d) => (r.destinations.length > 1 ? `${d.version} ${d.weight}%` : d.version)).join(", ")}`),
    ports: s.ports.map((p) => `${p.name} ${p.port}`).join(", "),
    drills: mesh.drills.filter((d) => d.target === s.name).map((d) => d.name),
    open: s.access.allowFrom === null,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function serviceGraph(mesh: MeshModel): ServiceGraph {
  const known = new Set(mesh.services.map((s) => s.name));
  const edges: GraphEdge[] = [];
  for (const callee of mesh.services) {
    const allowFrom = callee.access.allowFrom;
    for (const caller of mesh.services) {
      const calls = caller.calls.includes(callee.name);
      const admitted = allowFrom === null || allowFrom.includes(caller.name);
      if (calls) edges.push({ from: caller.name, to: callee.name, kind: admitted ? "call" : "denied-call", ...(admitted ? {} : { label: "denied" }) });
      else if (allowFrom !== null && allowFrom.includes(caller.name)) edges.push({ from: caller.name, to: callee.name, kind: "allowed-only", label: "may call" });
    }
    for (const route of callee.routes) {
      const m = route.mirror;
      if (m && known.has(m.service)) edges.push({ from: callee.name, to: m.service, kind: "mirror", label: `mirror ${m.percent}% → ${m.version}` });
    }
  }
  const uniqueEdges = [...new Map(edges.map((e) => [JSON.stringify(e), e])).values()];
  return {
    mesh: mesh.name,
    nodes: [...mesh.services].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name)).map((s) => node(mesh, s)),
    edges: uniqueEdges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind)),
  };
}
