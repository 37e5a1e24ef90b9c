// A model match as an Envoy RouteMatch. Every condition must hold (Envoy ANDs headers, query parameters and
// the path). The model's regexes are whole-value RE2 matches, which is exactly Envoy's `safe_regex`
// semantics (it matches the full value: https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/matcher/v3/regex.proto).
// A one-of too long for one regex becomes several RouteMatches (compiler/model/one-of.ts): the route table
// repeats the route once per match, in place.
import { type MatchModel, type NamedMatch, oneOfChunks, type ValueMatchModel } from "../../compiler/model";

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** Escapes a literal for RE2. */
export function re2Literal(value: string): string {
  return value.replace(RE2_SPECIAL, (c) => `\\${c}`);
}

/** An exact match on any of several values: one anchored alternation of escaped literals. */
export function oneOfRegex(values: readonly string[]): string {
  return `^(?:${values.map(re2Literal).join("|")})$`;
}

/** The StringMatchers that together accept exactly the values of `m`: one, unless a one-of is cut into chunks. */
function stringMatches(m: Exclude<ValueMatchModel, { kind: "present" }>): object[] {
  switch (m.kind) {
    case "exact": return oneOfChunks(m.values).map((chunk) => (chunk.length === 1 ? { exact: chunk[0] } : { safe_regex: { regex: oneOfRegex(chunk) } }));
    case "prefix": return [{ prefix: m.value }];
    case "regex": return [{ safe_regex: { regex: m.value } }];
  }
}

/** The alternatives for one header or query condition. */
function namedMatches(n: NamedMatch): object[] {
  return n.match.kind === "present" ? [{ name: n.name, present_match: true }] : stringMatches(n.match).map((string_match) => ({ name: n.name, string_match }));
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
function methodMatch(methods: readonly string[]): object[][] {
  if (!methods.length) return [];
  return [namedMatches({ name: ":method", match: { kind: "exact", values: methods } })];
}

/** Every combination of one alternative per condition, in order. */
function combinations(conditions: readonly (readonly object[])[]): object[][] {
  return conditions.reduce<object[][]>((acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, o])), [[]]);
}

/** The RouteMatches that together take exactly the requests `m` takes; usually one. */
export function routeMatches(m: MatchModel): object[] {
  const headerSets = combinations([...m.headers.map(namedMatches), ...methodMatch(m.methods)]);
  const querySets = combinations(m.query.map(namedMatches));
  return headerSets.flatMap((headers) =>
    querySets.map((query) => ({
      ...pathMatch(m),
      ...(headers.length ? { headers } : {}),
      ...(query.length ? { query_parameters: query } : {}),
    })),
  );
}
