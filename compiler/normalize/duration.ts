import type { Collector, Json } from "./context";
import { describe } from "./context";
import { shown } from "../diagnostics/shown";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
/**
 * The longest duration meshc accepts: a day. Far above any sane timeout, ejection or drill delay, and far below
 * what a protobuf Duration (315 576 000 000 s) or a double (exact to 2^53 ms) can hold, so no duration is ever
 * rounded or overflows on its way to Envoy. A route that must never time out says "0s".
 */
export const MAX_DURATION_MS = 24 * 3_600_000;

/**
 * Parses "250ms" / "1.5s" / "2m" / "1h" into whole milliseconds; reports MESH013 and returns the fallback otherwise.
 * 0 is kept (a field that needs a positive value is checked where its meaning is known); a non-zero duration
 * under 1ms and one above {@link MAX_DURATION_MS} are refused.
 */
export function durationMs(c: Collector, value: Json | undefined, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = typeof value === "string" ? DURATION.exec(value) : null;
  if (!m) {
    c.report("MESH013", path, `${describe(value)} is not a duration.`, 'write a number and a unit, e.g. "250ms", "3s", "1m"');
    return fallback;
  }
  const exact = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  const ms = Math.round(exact);
  if (exact > MAX_DURATION_MS) {
    c.report("MESH013", path, `${shown(value as string)} is longer than 24h, the longest duration meshc accepts.`, 'use at most "24h"; a timeout of "0s" means no timeout');
    return fallback;
  }
  if (exact > 0 && ms === 0) {
    c.report("MESH013", path, `${shown(value as string)} is shorter than 1ms, the finest step meshc writes.`, 'use "1ms" or more');
    return fallback;
  }
  return ms;
}
