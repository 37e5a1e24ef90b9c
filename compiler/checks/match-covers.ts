// "Does route A take every request route B would match?" — a conservative answer (true only when it is sure),
// used to find routes that can never match because an earlier route shadows them. Envoy tries routes in order
// and stops at the first match, so a later route that an earlier one covers is dead configuration.
import type { MatchModel, NamedMatch, PathMatchModel, ValueMatchModel } from "../model";
import { fullMatch } from "../simulate";

/** True when the match accepts every request (no condition, or only the path prefix "/"). */
export function isCatchAll(m: MatchModel): boolean {
  const anyPath = m.path === null || (m.path.kind === "prefix" && (m.path.value === "/" || m.path.value === ""));
  return anyPath && m.headers.length === 0 && m.methods.length === 0 && m.query.length === 0;
}

function valueCovers(a: ValueMatchModel, b: ValueMatchModel): boolean {
  switch (a.kind) {
    case "present":
      return true;
    case "exact":
      return b.kind === "exact" && b.values.every((v) => a.values.includes(v));
    case "prefix":
      if (b.kind === "prefix") return b.value.startsWith(a.value);
      return b.kind === "exact" && b.values.every((v) => v.startsWith(a.value));
    case "regex":
      if (b.kind === "regex") return b.value === a.value;
      return b.kind === "exact" && b.values.every((v) => fullMatch(a.value, v));
  }
}

function pathCovers(a: PathMatchModel | null, b: PathMatchModel | null): boolean {
  if (a === null || (a.kind === "prefix" && (a.value === "/" || a.value === ""))) return true;
  if (b === null) return false;
  switch (a.kind) {
    case "prefix":
      return (b.kind === "prefix" || b.kind === "exact") && b.value.startsWith(a.value);
    case "exact":
      return b.kind === "exact" && b.value === a.value;
    case "regex":
      return (b.kind === "regex" && b.value === a.value) || (b.kind === "exact" && fullMatch(a.value, b.value));
  }
}

function namedCover(a: readonly NamedMatch[], b: readonly NamedMatch[]): boolean {
  return a.every((ca) => b.some((cb) => cb.name === ca.name && valueCovers(ca.match, cb.match)));
}

/** True when every request that satisfies `b` also satisfies `a`. */
export function covers(a: MatchModel, b: MatchModel): boolean {
  const methods = a.methods.length === 0 || (b.methods.length > 0 && b.methods.every((m) => a.methods.includes(m)));
  return methods && pathCovers(a.path, b.path) && namedCover(a.headers, b.headers) && namedCover(a.query, b.query);
}

/** True when both matches accept exactly the same requests as written (same conditions). */
export function sameMatch(a: MatchModel, b: MatchModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
