/**
 * A duration as authors write it: a number followed by a unit.
 * @example "250ms", "3s", "1m", "1h"
 */
export type Duration = `${number}${"ms" | "s" | "m" | "h"}`;

/** A percentage between 0 and 100 (fractions allowed, e.g. 0.1). */
export type Percent = number;
