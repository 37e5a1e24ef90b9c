// The parsed form of an RE2 pattern: the few node kinds RE2's own Regexp tree reduces a pattern to
// (https://github.com/google/re2/blob/main/re2/regexp.h). Both the matcher (re2-nfa.ts) and the program-size
// count (re2-program-size.ts) read this tree, so the two cannot disagree about what a pattern means.

/** A set of code points: sorted, disjoint, non-adjacent ranges plus Unicode properties; `negated` flips it. */
export interface CharSet {
  readonly ranges: readonly (readonly [number, number])[];
  /** Unicode properties as JavaScript names (`L`, `Lu`, `Script=Greek`); each is [name, negated]. */
  readonly properties: readonly (readonly [string, boolean])[];
  readonly negated: boolean;
}

export type Assertion = "begin-line" | "end-line" | "begin-text" | "end-text" | "word-boundary" | "not-word-boundary";

export type Re2Node =
  | { readonly op: "empty" }
  | { readonly op: "literal"; readonly code: number; readonly fold: boolean }
  | { readonly op: "class"; readonly set: CharSet }
  | { readonly op: "assert"; readonly kind: Assertion }
  | { readonly op: "concat"; readonly items: readonly Re2Node[] }
  | { readonly op: "alternate"; readonly items: readonly Re2Node[] }
  /** `max` is -1 for an unbounded repetition; `greedy` never changes whether a match exists, only RE2's program. */
  | { readonly op: "repeat"; readonly min: number; readonly max: number; readonly greedy: boolean; readonly item: Re2Node }
  | { readonly op: "capture"; readonly item: Re2Node };

export const MAX_CODE_POINT = 0x10ffff;

/** Sorts and merges ranges (touching ranges merge too), the canonical form a CharSet keeps. */
export function normalizeRanges(input: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...input].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The complement of normalized ranges over every code point. */
export function complementRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
