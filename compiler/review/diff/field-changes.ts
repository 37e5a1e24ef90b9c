// Field-by-field differences of two plain values (the model is JSON data), as "name a→b" phrases: how limits,
// ejection, capture and mesh-wide settings changes are worded. Lists and nulls print whole.

type Plain = null | boolean | number | string | readonly Plain[] | { readonly [key: string]: Plain };

export function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "none";
  if (typeof value === "object") return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${show(v)}`).join(", ")} }`;
  return String(value);
}

function isRecord(value: unknown): value is Record<string, Plain> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `maxConnections 1024→512`, `outlier.consecutive5xx 5→3`; recursion stops at lists and at a value that appears or disappears. */
export function fieldChanges(before: unknown, after: unknown, prefix = ""): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => fieldChanges(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix || "value"} ${show(before)}→${show(after)}`];
}
