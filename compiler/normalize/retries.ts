import { child } from "../diagnostics/model-path";
import type { RetryModel } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { durationMs } from "./duration";
import { readNumber, readStrings, readObject, sortedUnique } from "./read";

/** Retried by default: failures where the request surely did not reach the application (safe for non-idempotent calls). */
export const DEFAULT_RETRY_ON = ["connect-failure", "refused-stream", "reset", "unavailable"] as const;
export const DEFAULT_RETRY_ATTEMPTS = 2;
/** Envoy's own default back-off base; the cap is Envoy's default of ten times the base. */
export const DEFAULT_BACKOFF_BASE_MS = 25;
export const DEFAULT_BACKOFF_MAX_MS = 250;

/** Retry settings as the author wrote them, before the per-try timeout is derived from the route's timeout. */
export interface RetrySetting {
  readonly attempts: number;
  readonly perTryTimeoutMs: number | null;
  readonly on: readonly string[];
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export const NO_RETRIES: RetrySetting = { attempts: 0, perTryTimeoutMs: null, on: [], backoffBaseMs: DEFAULT_BACKOFF_BASE_MS, backoffMaxMs: DEFAULT_BACKOFF_MAX_MS };
export const DEFAULT_RETRIES: RetrySetting = { ...NO_RETRIES, attempts: DEFAULT_RETRY_ATTEMPTS, on: DEFAULT_RETRY_ON };

/**
 * A duration Envoy needs above 0 (RetryPolicy per_try_timeout, RetryBackOff base_interval and max_interval: PGV
 * `duration.gt = 0`); a zero is reported here, where the author wrote it, and the default is used instead.
 */
function positiveMs(c: Collector, value: Json | undefined, path: string, fallback: number, what: string): number {
  const ms = durationMs(c, value, path, fallback);
  if (ms > 0 || value === undefined) return ms;
  c.report("MESH307", path, `${what} is 0; Envoy needs at least 1ms.`, what === "perTryTimeout" ? "leave perTryTimeout out to share the route timeout between the tries" : undefined);
  return fallback;
}

/** Reads a `retries` value (`false`, or an object) on top of the inherited setting. */
export function readRetries(c: Collector, value: Json | undefined, path: string, inherited: RetrySetting): RetrySetting {
  if (value === undefined) return inherited;
  if (value === false) return NO_RETRIES;
  if (!isObject(value)) {
    c.report("MESH012", path, `'retries' must be false or { attempts, perTryTimeout, on, backoff }, but is ${describe(value)}.`);
    return inherited;
  }
  const f = { c, obj: value, path };
  const backoff = readObject(f, "backoff");
  const base = backoff ? positiveMs(c, backoff.obj.base, child(backoff.path, "base"), DEFAULT_BACKOFF_BASE_MS, "the back-off base") : DEFAULT_BACKOFF_BASE_MS;
  const on = value.on === undefined ? DEFAULT_RETRY_ON : sortedUnique(readStrings(f, "on").map((s) => s.value));
  return {
    attempts: readNumber(f, "attempts", DEFAULT_RETRY_ATTEMPTS, true),
    perTryTimeoutMs: value.perTryTimeout === undefined ? null : positiveMs(c, value.perTryTimeout, child(path, "perTryTimeout"), 1000, "perTryTimeout"),
    on: [...on].sort(),
    backoffBaseMs: base,
    backoffMaxMs: backoff?.obj.max !== undefined ? positiveMs(c, backoff.obj.max, child(backoff.path, "max"), base * 10, "the back-off maximum") : backoff ? base * 10 : DEFAULT_BACKOFF_MAX_MS,
  };
}

/** The model's retry policy for a route with the given overall timeout. */
export function resolveRetries(setting: RetrySetting, routeTimeoutMs: number): RetryModel {
  // Without an explicit per-try timeout every try gets an equal share of the route timeout, so all
  // attempts fit inside it (Envoy's default per-try timeout is the route timeout, leaving no room to retry).
  // A route timeout of 0 is Envoy's "no timeout": there is nothing to share, so the tries are not bounded
  // either (0 in the model, no per_try_timeout in Envoy) instead of getting a 1ms share each.
  // A negative attempt count is the checks' to report (MESH306); it must not turn into an infinite share here.
  const share = routeTimeoutMs === 0 ? 0 : Math.max(1, Math.floor(routeTimeoutMs / (Math.max(0, setting.attempts) + 1)));
  return {
    attempts: setting.attempts,
    perTryTimeoutMs: setting.attempts === 0 ? routeTimeoutMs : setting.perTryTimeoutMs ?? share,
    on: setting.attempts === 0 ? [] : setting.on,
    backoffBaseMs: setting.backoffBaseMs,
    backoffMaxMs: setting.backoffMaxMs,
  };
}
