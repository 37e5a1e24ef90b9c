/** How a single header/query value is matched. `exact` carries one or more alternatives. */
export type ValueMatchModel =
  | { readonly kind: "exact"; readonly values: readonly string[] }
  | { readonly kind: "prefix"; readonly value: string }
  | { readonly kind: "regex"; readonly value: string }
  | { readonly kind: "present" };

export interface NamedMatch {
  /** Header names are lower-cased; query names are kept as written. */
  readonly name: string;
  readonly match: ValueMatchModel;
}

export interface PathMatchModel {
  readonly kind: "exact" | "prefix" | "regex";
  readonly value: string;
}

/** Every present condition must hold. Empty lists and a null path mean "any". */
export interface MatchModel {
  /** Sorted by name. */
  readonly headers: readonly NamedMatch[];
  readonly path: PathMatchModel | null;
  /** Upper case, sorted. */
  readonly methods: readonly string[];
  /** Sorted by name. */
  readonly query: readonly NamedMatch[];
}

export interface WeightedVersion {
  readonly version: string;
  /** 0–100; the weights of a route sum to 100. */
  readonly weight: number;
}

export interface RetryModel {
  /** Retries after the first try; 0 means none. */
  readonly attempts: number;
  /** 0 = each try is unbounded (only when the route has no timeout and the author gave no per-try timeout). */
  readonly perTryTimeoutMs: number;
  /** Envoy/Istio retry_on condition names, sorted. */
  readonly on: readonly string[];
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export interface MirrorModel {
  readonly service: string;
  readonly version: string;
  readonly percent: number;
}

export interface RouteModel {
  /** The author's name, or `route-<index>`. Unique within the service. */
  readonly name: string;
  /** Position in the author's list; the implicit default route has index = number of author routes. */
  readonly index: number;
  /** True for the catch-all meshc appends when the author's routes do not end with one. */
  readonly implicit: boolean;
  readonly match: MatchModel;
  /** In declaration order of the service's versions; zero weights dropped. */
  readonly destinations: readonly WeightedVersion[];
  /** 0 = no timeout (Envoy's meaning of a zero route timeout). */
  readonly timeoutMs: number;
  readonly retries: RetryModel;
  readonly mirror: MirrorModel | null;
}
