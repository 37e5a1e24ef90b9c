// Why each route before the one that matched did not take the request. The simulator decides which route
// matches (simulate/simulate.ts); this file only puts each failing condition into words, through the same
// matchers the simulator uses, so a verdict and its reasons cannot disagree (test/review/explain.test.ts
// checks both on generated requests).
import type { MatchModel, NamedMatch, PathMatchModel, RouteModel, ServiceModel, ValueMatchModel } from "../../model";
import { pathMatches, requestMatches, type SimRequest, valueMatches } from "../../simulate";

export interface RouteVerdict {
  readonly route: RouteModel;
  readonly matched: boolean;
  /** Each condition the request fails, in words; empty for the matching route. */
  readonly misses: readonly string[];
}

const quote = (text: string) => JSON.stringify(text);

function expected(match: ValueMatchModel): string {
  switch (match.kind) {
    case "present":
      return "present";
    case "exact":
      return match.values.length === 1 ? quote(match.values[0]!) : `one of ${match.values.map(quote).join(", ")}`;
    case "prefix":
      return `starting with ${quote(match.value)}`;
    case "regex":
      return `matching /${match.value}/`;
  }
}

function pathExpected(match: PathMatchModel): string {
  return match.kind === "exact" ? quote(match.value) : match.kind === "prefix" ? `under ${quote(match.value)}` : `matching /${match.value}/`;
}

function namedMisses(kind: "header" | "query parameter", conditions: readonly NamedMatch[], values: ReadonlyMap<string, string>, fold: boolean): string[] {
  return conditions.flatMap((c) => {
    const value = values.get(fold ? c.name.toLowerCase() : c.name);
    if (valueMatches(c.match, value)) return [];
    return [value === undefined ? `no ${kind} ${c.name} (wants ${expected(c.match)})` : `${kind} ${c.name} is ${quote(value)}, not ${expected(c.match)}`];
  });
}

/** The conditions of `match` that `request` fails, in the order a reader scans a route: method, path, headers, query. */
export function misses(match: MatchModel, request: SimRequest): string[] {
  const method = request.method.toUpperCase();
  const out: string[] = [];
  if (match.methods.length && !match.methods.includes(method)) out.push(`method ${method} is not ${match.methods.join(" or ")}`);
  if (!pathMatches(match.path, request.path)) out.push(`path ${quote(request.path)} is not ${pathExpected(match.path!)}`);
  out.push(...namedMisses("header", match.headers, new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])), true));
  out.push(...namedMisses("query parameter", match.query, new Map(Object.entries(request.query)), false));
  return out;
}

/** What a route asks of a request, in words ("method POST or PUT; header x-account-id matching /9[0-9]{3}/"). */
export function conditionsText(match: MatchModel): string {
  const parts = [
    ...(match.methods.length ? [`method ${match.methods.join(" or ")}`] : []),
    ...(match.path ? [`path ${pathExpected(match.path)}`] : []),
    ...match.headers.map((h) => `header ${h.name} ${expected(h.match)}`),
    ...match.query.map((q) => `query parameter ${q.name} ${expected(q.match)}`),
  ];
  return parts.length ? parts.join("; ") : "every request";
}

/**
 * The service's routes up to and including the first that matches, each with its verdict. Over TCP a sidecar has
 * no request to look at: only the last route (the catch-all) applies, as the Envoy target's TCP proxy does.
 */
export function routeVerdicts(service: ServiceModel, request: SimRequest, http: boolean): RouteVerdict[] {
  if (!http) {
    const last = service.routes[service.routes.length - 1]!;
    return [{ route: last, matched: true, misses: [] }];
  }
  const out: RouteVerdict[] = [];
  for (const route of service.routes) {
    const matched = requestMatches(route.match, request);
    out.push({ route, matched, misses: matched ? [] : misses(route.match, request) });
    if (matched) break;
  }
  return out;
}
