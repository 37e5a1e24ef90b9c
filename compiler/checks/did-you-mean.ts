// "Did you mean 'inventory'?": the closest known name by edit distance, the way tsc suggests a spelling
// (TS2552): only close enough candidates, so an unrelated name never gets a misleading suggestion.

/** Levenshtein distance with an early exit once every path exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `name`, if it is within a third of the name's length (at least 1, like tsc's
 * spelling suggestions); a case-only difference always qualifies. When two candidates are equally close
 * ('v3' against 'v1' and 'v2') there is no suggestion: a coin toss would mislead.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length * 0.34));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate;
    const d = editDistance(name, candidate, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance && candidate !== best) tied = true;
  }
  return tied ? undefined : best;
}

/** A hint for an unknown name: "did you mean 'x'?", else the known names (a few of them). */
export function didYouMean(name: string, candidates: readonly string[], what: string): string {
  const guess = closest(name, candidates);
  if (guess !== undefined) return `did you mean '${guess}'?`;
  if (candidates.length === 0) return `the mesh defines no ${what}s`;
  const shown = candidates.slice(0, 8).map((c) => `'${c}'`).join(", ");
  return `known ${what}s: ${shown}${candidates.length > 8 ? `, … (${candidates.length} in all)` : ""}`;
}
