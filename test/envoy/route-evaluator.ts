// An independent evaluator of a generated Envoy route table: what Envoy would do with one request.
// Virtual host by :authority (exact domains first, then "*"), then the first route whose match holds
// (path prefix/exact/safe_regex, every header matcher, every query matcher; `:method` is a header), then the
// destination: `cluster`, or for weighted clusters the heaviest (the version most requests of this kind get), and
// the whole split with its weights.
// It knows nothing of the mesh model; it reads Envoy's fields only.
import type { Doc } from "./generated-config";

export interface Request {
  readonly authority: string;
  readonly method: string;
  readonly path: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly query: readonly { readonly name: string; readonly value: string }[];
}

export interface Outcome {
  readonly virtualHost: string;
  readonly route: string;
  readonly cluster: string | null;
  /** Every cluster the route sends to, with its weight (one cluster: weight 100). */
  readonly split: readonly { readonly cluster: string; readonly weight: number }[];
}

/** Envoy's safe_regex is RE2 and matches the whole value. */
function fullMatch(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

function stringMatches(m: Doc, value: string): boolean {
  if ("exact" in m) return value === m.exact;
  if ("prefix" in m) return value.startsWith(m.prefix);
  if ("suffix" in m) return value.endsWith(m.suffix);
  if ("contains" in m) return value.includes(m.contains);
  if ("safe_regex" in m) return fullMatch(m.safe_regex.regex, value);
  throw new Error(`unsupported string matcher ${JSON.stringify(m)}`);
}

function headerValue(req: Request, name: string): string | undefined {
  if (name === ":method") return req.method;
  if (name === ":path") return req.path;
  if (name === ":authority") return req.authority;
  return req.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

function matcherHolds(m: Doc, value: string | undefined): boolean {
  const holds = m.present_match !== undefined ? (value !== undefined) === m.present_match : value !== undefined && stringMatches(m.string_match, value);
  return m.invert_match ? !holds : holds;
}

function pathOnly(path: string): string {
  return path.split("?")[0]!;
}

function routeMatches(match: Doc, req: Request): boolean {
  const path = pathOnly(req.path);
  if ("prefix" in match && !path.startsWith(match.prefix)) return false;
  if ("path" in match && path !== match.path) return false;
  if ("safe_regex" in match && !fullMatch(match.safe_regex.regex, path)) return false;
  for (const h of match.headers ?? []) if (!matcherHolds(h, headerValue(req, h.name))) return false;
  for (const q of match.query_parameters ?? []) if (!matcherHolds(q, req.query.find((p) => p.name === q.name)?.value)) return false;
  return true;
}

function virtualHost(table: Doc, authority: string): Doc {
  const exact = table.virtual_hosts.find((v: Doc) => v.domains.includes(authority));
  const wildcard = table.virtual_hosts.find((v: Doc) => v.domains.includes("*"));
  const found = exact ?? wildcard;
  if (!found) throw new Error(`no virtual host for ${authority}`);
  return found;
}

export function evaluate(table: Doc, req: Request): Outcome | null {
  const vh = virtualHost(table, req.authority);
  const route = (vh.routes as Doc[]).find((r) => routeMatches(r.match, req));
  if (!route) return null;
  const action = route.route;
  let cluster: string | null = null;
  let split: { cluster: string; weight: number }[] = [];
  if (action?.cluster) {
    cluster = action.cluster;
    split = [{ cluster: action.cluster, weight: 100 }];
  } else if (action?.weighted_clusters) {
    const clusters = [...action.weighted_clusters.clusters] as { name: string; weight: number }[];
    cluster = clusters.reduce((best, c) => (c.weight > best.weight ? c : best)).name;
    split = clusters.map((c) => ({ cluster: c.name, weight: c.weight }));
  }
  return { virtualHost: vh.name, route: route.name, cluster, split };
}

/** The version in an `outbound|port|version|host` cluster name. */
export function versionOf(cluster: string | null): string | null {
  return cluster ? cluster.split("|")[2] ?? null : null;
}
