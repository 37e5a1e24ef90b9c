import type { Collector, Json } from "./context";
import { describe } from "./context";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/** Parses "250ms" / "1.5s" / "2m" / "1h" into whole milliseconds; reports MESH013 and returns the fallback otherwise. */
export function durationMs(c: Collector, value: Json | undefined, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = typeof value === "string" ? DURATION.exec(value) : null;
  if (m) {
    const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]);
    if (ms > 0 || Number(m[1]) === 0) return ms;
  }
  c.report("MESH013", path, `${describe(value)} is not a duration.`, 'write a number and a unit, e.g. "250ms", "3s", "1m"');
  return fallback;
}
