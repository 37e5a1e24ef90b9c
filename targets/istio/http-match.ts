// A model match as an Istio HTTPMatchRequest, with the meaning the Envoy target gives it: every condition must
// hold (Istio ANDs the fields of one match request), header names lower case, regexes whole-value RE2 (Istio
// hands them to Envoy's safe_regex, which matches the full value), `uri` compared without the query string.
// https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
import type { MatchModel, NamedMatch, PathMatchModel, ValueMatchModel } from "../../compiler/model";

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;
/** Presence: any value, the empty one included (Envoy's present_match). Header values never hold a newline. */
const ANY_VALUE = ".*";

export type StringMatch = { readonly exact: string } | { readonly prefix: string } | { readonly regex: string };

function re2Literal(value: string): string {
  return value.replace(RE2_SPECIAL, (c) => `\\${c}`);
}

/** One of several exact values: the anchored alternation the Envoy target writes (route-match.ts). */
export function oneOfRegex(values: readonly string[]): string {
  return `^(?:${values.map(re2Literal).join("|")})$`;
}

function valueMatch(m: ValueMatchModel): StringMatch {
  switch (m.kind) {
    case "exact": return m.values.length === 1 ? { exact: m.values[0]! } : { regex: oneOfRegex(m.values) };
    case "prefix": return { prefix: m.value };
    case "regex": return { regex: m.value };
    case "present": return { regex: ANY_VALUE };
  }
}

/** Istio's queryParams take `exact` and `regex` only; a prefix becomes the equivalent anchored regex. */
function queryMatch(m: ValueMatchModel): StringMatch {
  if (m.kind === "prefix") return { regex: `${re2Literal(m.value)}.*` };
  return valueMatch(m);
}

function uriMatch(p: PathMatchModel): StringMatch {
  switch (p.kind) {
    case "exact": return { exact: p.value };
    case "prefix": return { prefix: p.value };
    case "regex": return { regex: p.value };
  }
}

function byName(list: readonly NamedMatch[], as: (m: ValueMatchModel) => StringMatch): Record<string, StringMatch> {
  return Object.fromEntries(list.map((n) => [n.name, as(n.match)]));
}

/** The match request of a route, or undefined when it matches every request (Istio's catch-all: no `match`). */
export function httpMatch(m: MatchModel, sourceLabels?: Readonly<Record<string, string>>): object | undefined {
  const out = {
    ...(m.path ? { uri: uriMatch(m.path) } : {}),
    ...(m.headers.length ? { headers: byName(m.headers, valueMatch) } : {}),
    ...(m.methods.length ? { method: valueMatch({ kind: "exact", values: m.methods }) } : {}),
    ...(m.query.length ? { queryParams: byName(m.query, queryMatch) } : {}),
    ...(sourceLabels ? { sourceLabels } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}
