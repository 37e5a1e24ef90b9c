export interface DrillModel {
  readonly name: string;
  readonly target: string;
  /** Calling services the drill applies to; null = every caller. Sorted. */
  readonly from: readonly string[] | null;
  readonly delay: { readonly fixedMs: number; readonly percent: number } | null;
  readonly abort: { readonly status: number; readonly percent: number } | null;
  /**
   * Zones of the callers whose sidecars inject the fault (all zones when the author gave none), in mesh order.
   * Not the target's zones: a caller in one of these zones faults its requests wherever they fail over to.
   */
  readonly zones: readonly string[];
}
