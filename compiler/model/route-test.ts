import type { WeightedVersion } from "./route";

/** A routing test. Exactly one of `expectVersion` and `expectSplit` is set. */
export interface RouteTestModel {
  readonly name: string;
  readonly index: number;
  readonly from: string | null;
  readonly to: string;
  /** Header names lower-cased, sorted by name. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly path: string;
  readonly method: string;
  readonly query: readonly { readonly name: string; readonly value: string }[];
  /** The version every such request must reach; null when the test expects a split. */
  readonly expectVersion: string | null;
  /**
   * The weights the route that takes the request must send with: the called service's version order, zero
   * weights dropped (as in `RouteModel.destinations`); null when the test expects one version.
   */
  readonly expectSplit: readonly WeightedVersion[] | null;
}
