import type { HttpMethod } from "./match";
import type { ServiceRef, VersionOf } from "./registry";

/** A request the routing test sends through the mesh model. */
export interface TestRequest<R extends ServiceRef = ServiceRef> {
  /** The calling service. @default an anonymous caller */
  readonly from?: ServiceRef;
  /** The called service: its versions type the test's `expect`. */
  readonly to: R;
  /** @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default "/" */
  readonly path?: string;
  /** @default "GET" */
  readonly method?: HttpMethod;
  /** @default {} */
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * The weights a test expects, by version of the called service; they sum to 100, and a version left out gets 0.
 * @example { v1: 90, v2: 10 }
 */
export type Split<V extends string> = { readonly [K in V]?: number };

/**
 * Where the request must land: every time on one `version`, or spread over versions by the exact weights of a
 * `split`. A route that splits its traffic needs a `split` expectation: `version` would pass while a share of
 * those requests reaches another version, so meshc reports it (MESH213).
 * @example { version: "v2" } or { split: { v1: 90, v2: 10 } }
 */
export type Expectation<V extends string> =
  | { readonly version: V; readonly split?: never }
  | { readonly split: Split<V>; readonly version?: never };

/**
 * A routing test, evaluated at compile time: the route that takes the request must send it where `expect` says.
 * @example { request: { to: svc.orders, headers: { "x-account-id": "1001" } }, expect: { version: "v2" } }
 * @example { request: { to: svc.orders }, expect: { split: { v1: 90, v2: 10 } } }
 */
export interface RouteTest<R extends ServiceRef = ServiceRef> {
  /** @default "<from> → <to>" */
  readonly name?: string;
  readonly request: TestRequest<R>;
  /** One version of `request.to`, or the split of its versions the matching route sends with. */
  readonly expect: Expectation<NoInfer<VersionOf<R>>>;
}

/** The routing tests of a mesh: each test's `expect` is typed by the versions of its own `request.to`. */
export type RouteTests<T extends readonly ServiceRef[]> = { readonly [I in keyof T]: RouteTest<T[I]> };
