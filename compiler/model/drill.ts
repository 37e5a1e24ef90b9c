export interface DrillModel {
  readonly name: string;
  readonly target: string;
  /** Calling services the drill applies to; null = every caller. Sorted. */
  readonly from: readonly string[] | null;
  readonly delay: { readonly fixedMs: number; readonly percent: number } | null;
  readonly abort: { readonly status: number; readonly percent: number } | null;
  /** Zones where the drill is active (all zones when the author gave none). */
  readonly zones: readonly string[];
}
