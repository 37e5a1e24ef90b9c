// A model match as an Envoy RouteMatch. Every condition must hold (Envoy ANDs headers, query parameters and
// the path). The model's regexes are whole-value RE2 matches, which is exactly Envoy's `safe_regex`
// semantics (it matches the full value: https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/matcher/v3/regex.proto).
import type { MatchModel, NamedMatch, ValueMatchModel } from "../../compiler/model";

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** Escapes a literal for RE2. */
export function re2Literal(value: string): string {
  return value.replace(RE2_SPECIAL, (c) => `\\${c}`);
}

/** An exact match on any of several values: one anchored alternation of escaped literals. */
export function oneOfRegex(values: readonly string[]): string {
  return `^(?:${values.map(re2Literal).join("|")})$`;
}

function stringMatch(m: Exclude<ValueMatchModel, { kind: "present" }>): object {
  switch (m.kind) {
    case "exact": return m.values.length === 1 ? { exact: m.values[0] } : { safe_regex: { regex: oneOfRegex(m.values) } };
    case "prefix": return { prefix: m.value };
    case "regex": return { safe_regex: { regex: m.value } };
  }
}

function namedMatch(n: NamedMatch): object {
  return n.match.kind === "present" ? { name: n.name, present_match: true } : { name: n.name, string_match: stringMatch(n.match) };
}

function pathMatch(m: MatchModel): object {
  if (!m.path) return { prefix: "/" };
  switch (m.path.kind) {
    case "exact": return { path: m.path.value };
    case "prefix": return { prefix: m.path.value };
    case "regex": return { safe_regex: { regex: m.path.value } };
  }
}

/** Methods are matched on the `:method` pseudo-header. */
function methodMatch(methods: readonly string[]): object[] {
  if (!methods.length) return [];
  return [namedMatch({ name: ":method", match: { kind: "exact", values: methods } })];
}

export function routeMatch(m: MatchModel): object {
  const headers = [...m.headers.map(namedMatch), ...methodMatch(m.methods)];
  const query = m.query.map(namedMatch);
  return {
    ...pathMatch(m),
    ...(headers.length ? { headers } : {}),
    ...(query.length ? { query_parameters: query } : {}),
  };
}
