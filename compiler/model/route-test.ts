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
  readonly expectVersion: string;
}
