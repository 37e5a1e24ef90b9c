/**
 * A duration as authors write it: a number followed by a unit; at most "24h", and not below "1ms" unless it is 0.
 * @example "250ms", "3s", "1m", "1h"
 */
export type Duration = `${number}${"ms" | "s" | "m" | "h"}`;

/** A percentage between 0 and 100 (fractions allowed, e.g. 0.1, down to Envoy's finest share of 0.0001). */
export type Percent = number;
