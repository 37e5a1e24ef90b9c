// Model paths name a value in the policy the way the author wrote it: services by name, lists by the
// author's index, keys that are not identifiers in brackets. `services.orders.routes[1].when.headers["x-account-id"]`,
// `mesh.drills["inventory-slow"].zones[0]`. The locator turns a path back into a source span.
// Lists the model sorts or de-duplicates (`calls`, `allowFrom`, a drill's `zones`, CIDR lists) no longer know
// the author's index, so an element is named by its value instead: `services.orders.calls[="inventry"]`.

/** A list element named by its value (a service name, a zone, an address), for lists the model reorders. */
export interface ValueSegment {
  readonly value: string;
}

export type PathSegment = string | number | ValueSegment;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a property key or list index to a path. */
export function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Appends a list element named by its value: `calls[="inventory"]`. */
export function element(path: string, value: string): string {
  return `${path}[=${JSON.stringify(value)}]`;
}

/** Splits a path into its keys, indexes and value selectors. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\[=("(?:[^"\\]|\\.)*")\]/g;
  for (let m = pattern.exec(path); m; m = pattern.exec(path)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(m[3]) as string);
    else segments.push({ value: JSON.parse(m[4]!) as string });
  }
  return segments;
}
