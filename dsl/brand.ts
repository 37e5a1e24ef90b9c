// Brands use Symbol.for, never instanceof: the bundled, sandboxed policy carries its own copy of dsl/,
// so identity-based checks would fail across that boundary (cdk8s Chart.isChart, Drizzle entity kinds).

/** The key under which every DSL value records what it is. */
export const KIND: unique symbol = Symbol.for("meshc.kind") as never;

/** The kinds of branded DSL values. */
export type Kind = "service" | "service-ref" | "mesh";

/** Returns the brand of a DSL value, or undefined for plain data. */
export function kindOf(value: unknown): Kind | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [KIND]?: Kind })[KIND];
}
