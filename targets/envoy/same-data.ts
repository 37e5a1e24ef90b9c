// Whether two documents are the same data, for the Envoy target's memo of written YAML (index.ts): stable-yaml
// writes a function of the data, so the same data is the same text. The subtrees many documents share (callees'
// clusters and virtual hosts, built once per build) are the same objects and compare at once by reference, so two
// zones' listeners compare in the time of their own few fields; their JSON texts, the memo's key before, were
// written whole (~64 MB a build at N = 1 000) and then compared whole as map keys.
// Stricter than the YAML where that is simpler (a field set to undefined is not a missing one, -0 is not 0): a
// difference found where the texts would be equal only writes the text once more.
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}
