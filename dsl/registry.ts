import { KIND } from "./brand";

/**
 * A reference to another service of the mesh, obtained from {@link svc} (`svc.orders`).
 * It carries the referenced service's versions in its type, so `version` fields can be checked.
 */
export interface ServiceRef<N extends string = string, V extends string = string> {
  readonly [KIND]: "service-ref";
  /** The referenced service's name. */
  readonly name: N;
  /** Type-only: the versions the referenced service declares. Never set at run time. */
  readonly versions?: readonly V[];
}

/**
 * Every service of the mesh, by name. This interface is empty here and filled in by declaration merging:
 * `meshc types <mesh.ts>` writes `meshc-env.d.ts` next to the policy with one line per service
 * (`orders: ServiceRef<"orders", "v1" | "v2">`). A lookup in it is one property access, so the editor
 * stays linear in the number of services (see docs/dsl-types.md for the measurements behind this choice).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Services {}

/** The versions of a referenced service, read from its type. */
export type VersionOf<R> = R extends ServiceRef<string, infer V> ? V : string;

/**
 * Every service of the mesh by name: `svc.inventory` is a reference to the service named "inventory".
 * A misspelled name is a type error at that spot (TS2339, with "did you mean").
 * @example calls: [svc.inventory, svc.payments]
 */
export const svc: Services = new Proxy(
  {},
  {
    get(_target, name) {
      if (typeof name !== "string") return undefined;
      return { [KIND]: "service-ref", name };
    },
  },
) as Services;

/**
 * A list of service references. Typed as "an empty tuple or a list" rather than a plain list: with the
 * tuple in the union, TypeScript checks each reference of an array literal on its own instead of first
 * reducing the literal's element types to one union — which compares references pairwise (quadratic in the
 * list's length) and fails with a false TS2590 ("union type too complex") from ~1 000 references, as a hub's
 * `allowFrom` reaches in a large mesh (measured in bench/types; docs/dsl-types.md).
 */
export type ServiceRefs = readonly [] | readonly ServiceRef[];
