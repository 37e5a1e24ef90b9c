// What a route matches and a routing test sends must be something a request can carry, or the route never
// matches (and a name Envoy's header-name rule refuses surfaces only as a finding in a generated file):
// header and query parameter names are RFC 7230 tokens (§3.2.6), values hold no control characters
// (RFC 9110 §5.5 field-value), methods are the DSL's HttpMethod names, and paths start with '/' and hold no
// whitespace or control characters (RFC 3986 path-absolute). Regexes are checked as regexes (MESH203).
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import type { MatchModel, MeshModel, NamedMatch, RouteTestModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { perService } from "./per-service";
import { finding } from "./finding";
import { routePath, servicePath } from "./paths";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_NAME = 1024;
/** Common servers cap a header field at 8 KiB; Envoy caps all request headers at 60 KiB by default. */
const MAX_VALUE = 8192;
/** C0 controls except HTAB, DEL, C1 controls, and the line and paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;
const PATH_FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"];

function nameProblem(name: string): string | null {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_NAME) return `it is ${name.length} characters long (at most ${MAX_NAME})`;
  if (name.startsWith(":")) return "pseudo-headers are not matched by name: use `path` and `method`";
  if (!TOKEN.test(name)) return "a name may hold only letters, digits and !#$%&'*+-.^_`|~ (an RFC 7230 token)";
  return null;
}

function valueProblem(value: string): string | null {
  if (value.length > MAX_VALUE) return `it is ${value.length} characters long (at most ${MAX_VALUE})`;
  if (CONTROL.test(value)) return "it holds a control character, which no request can carry";
  return null;
}

/** Why `path` cannot be a request path (or a prefix of one), or null. */
export function pathProblem(path: string): string | null {
  if (!path.startsWith("/")) return "it does not start with '/', as every request path does";
  if (path.length > MAX_VALUE) return `it is ${path.length} characters long (at most ${MAX_VALUE})`;
  if (PATH_FORBIDDEN.test(path)) return "it holds whitespace or a control character, which a request path cannot";
  return null;
}

function named(list: readonly NamedMatch[], at: string, what: string): Diagnostic[] {
  return list.flatMap((n) => {
    const here = child(at, n.name);
    const problem = nameProblem(n.name);
    if (problem) return [finding("MESH113", here, `${what} name ${shown(n.name)} can never be in a request: ${problem}.`)];
    const values = n.match.kind === "exact" ? n.match.values : n.match.kind === "prefix" ? [n.match.value] : [];
    return values.flatMap((v) => {
      const bad = valueProblem(v);
      return bad ? [finding("MESH113", here, `the ${what} value ${shown(v)} for ${shown(n.name)} can never be in a request: ${bad}.`)] : [];
    });
  });
}

function methods(list: readonly string[], at: string): Diagnostic[] {
  return list.filter((m) => !HTTP_METHODS.includes(m)).map((m) => finding("MESH113", at, `${shown(m)} is not an HTTP method meshc routes on.`, { hint: HTTP_METHODS.join(", ") }));
}

function match(m: MatchModel, when: string): Diagnostic[] {
  const path = m.path && m.path.kind !== "regex" ? pathProblem(m.path.value) : null;
  return [
    ...named(m.headers, child(when, "headers"), "header"),
    ...named(m.query, child(when, "query"), "query parameter"),
    ...methods(m.methods, child(when, "method")),
    ...(path ? [finding("MESH115", child(when, "path"), `the path ${shown(m.path!.value)} never matches a request: ${path}.`)] : []),
  ];
}

function service(s: ServiceModel): Diagnostic[] {
  const routes = s.routes.filter((r) => !r.implicit).flatMap((r) => match(r.match, child(routePath(s.name, r.index), "when")));
  const probe = s.probes ? pathProblem(s.probes.path) : null;
  return [...routes, ...(probe ? [finding("MESH115", `${servicePath(s.name)}.probes.path`, `the probe path ${shown(s.probes!.path)} is not a request path: ${probe}.`)] : [])];
}

function routingTest(t: RouteTestModel): Diagnostic[] {
  const request = child(child(child("mesh", "tests"), t.index), "request");
  const pairs = (list: RouteTestModel["headers"]) => list.map((p): NamedMatch => ({ name: p.name, match: { kind: "exact", values: [p.value] } }));
  const path = pathProblem(t.path);
  return [
    ...named(pairs(t.headers), child(request, "headers"), "header"),
    ...named(pairs(t.query), child(request, "query"), "query parameter"),
    ...methods([t.method], child(request, "method")),
    ...(path ? [finding("MESH115", child(request, "path"), `the test request's path ${shown(t.path)} is not a request path: ${path}.`)] : []),
  ];
}

const serviceFindings = perService(service);

export const requestValueChecks: Check = {
  name: "request-values",
  run: (mesh: MeshModel) => [...mesh.services.flatMap(serviceFindings), ...mesh.tests.flatMap(routingTest)],
};
