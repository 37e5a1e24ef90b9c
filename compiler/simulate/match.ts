// Does a request satisfy a route's match? The same semantics Envoy applies to the route table the envoy target
// writes: every present condition must hold; header names compare case-insensitively (RFC 9110 §5.1), query
// parameter names exactly; regexes must match the whole value (RE2 full match). A simulated request carries its
// query parameters apart from its path, so path matches see the path alone, as Envoy's `path` and `safe_regex`
// do once they drop the query string.
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#config-route-v3-routematch
import type { MatchModel, NamedMatch, PathMatchModel, ValueMatchModel } from "../model";
import { fullMatch } from "./re2";

/** A request as the simulator sees it. Header names are compared in lower case. */
export interface SimRequest {
  /** The calling service, or null for a caller outside the mesh. */
  readonly from: string | null;
  readonly to: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly path: string;
  readonly method: string;
  readonly query: Readonly<Record<string, string>>;
}

export function valueMatches(match: ValueMatchModel, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (match.kind) {
    case "present":
      return true;
    case "exact":
      return match.values.includes(value);
    case "prefix":
      return value.startsWith(match.value);
    case "regex":
      return fullMatch(match.value, value);
  }
}

export function pathMatches(match: PathMatchModel | null, path: string): boolean {
  if (match === null) return true;
  switch (match.kind) {
    case "prefix":
      return path.startsWith(match.value);
    case "exact":
      return path === match.value;
    case "regex":
      return fullMatch(match.value, path);
  }
}

function allHold(conditions: readonly NamedMatch[], values: ReadonlyMap<string, string>, fold: boolean): boolean {
  return conditions.every((c) => valueMatches(c.match, values.get(fold ? c.name.toLowerCase() : c.name)));
}

export function requestMatches(match: MatchModel, request: SimRequest): boolean {
  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const query = new Map(Object.entries(request.query));
  return (
    (match.methods.length === 0 || match.methods.includes(request.method.toUpperCase())) &&
    pathMatches(match.path, request.path) &&
    allHold(match.headers, headers, true) &&
    allHold(match.query, query, false)
  );
}
