// How an exact match on several values (a one-of: `"x-account-id": ["1001", "1002"]`, or several methods)
// reaches Envoy. Envoy's StringMatcher holds one exact value, so a one-of is an RE2 alternation, and Envoy
// refuses a regex whose RE2 program exceeds 100 instructions (re2.max_program_size.error_level). A long
// one-of is therefore cut into chunks, each small enough, and the route is repeated once per chunk with the
// same action: the copies sit where the route sat, so the first-match order, and every request's route, stay
// the same. The model says how to cut, so the Envoy target and the checks agree on it.
import type { MatchModel } from "./route";

/** Envoy's default `re2.max_program_size.error_level` (source/common/common/regex.cc). */
export const ENVOY_REGEX_PROGRAM_LIMIT = 100;

/** More copies than this of one route is a policy to rewrite, not to emit (the routes check says so). */
export const MAX_ROUTE_COPIES = 1000;

function utf8Bytes(value: string): number {
  let n = 0;
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** An upper bound of RE2's program size for `^(?:v1|…|vn)$` over escaped literals: RE2 strips the anchors,
 * every byte of a value is one instruction (an empty value one jump), and the program adds a Fail and a
 * Match, plus two for the unanchored loop RE2 adds when it strips a shared literal prefix; the alternation's
 * own Alts disappear when RE2 flattens the program, and factoring only shrinks it.
 * test/simulate/re2-real.test.ts holds the bound against a real RE2. */
export function literalAlternationBound(values: readonly string[]): number {
  return 4 + values.reduce((n, v) => n + Math.max(1, utf8Bytes(v)), 0);
}

/** The values cut, in order, into chunks whose alternation stays within Envoy's limit; a value too long for
 * any alternation is a chunk of its own (an exact match needs no regex). */
export function oneOfChunks(values: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const v of values) {
    if (current.length && literalAlternationBound([...current, v]) > ENVOY_REGEX_PROGRAM_LIMIT) {
      chunks.push(current);
      current = [];
    }
    current.push(v);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** How many copies of a route its one-ofs make: the product of each one-of's chunk count. */
export function routeCopies(m: MatchModel): number {
  const chunks = (values: readonly string[]) => (values.length ? oneOfChunks(values).length : 1);
  return [...m.headers, ...m.query].reduce((n, c) => n * (c.match.kind === "exact" ? chunks(c.match.values) : 1), chunks(m.methods));
}
