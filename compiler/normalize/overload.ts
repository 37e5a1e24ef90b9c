import { child } from "../diagnostics/model-path";
import type { OutlierModel, OverloadModel, RateLimitModel } from "../model";
import { durationMs } from "./duration";
import { type Field, readNumber, readObject } from "./read";

// Envoy's circuit-breaker defaults are 1024 connections / pending / requests and 3 retries:
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/circuit_breaker.proto
export const DEFAULT_OVERLOAD: OverloadModel = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
  connectTimeoutMs: 1000,
  outlier: null,
};

// Envoy's outlier-detection defaults, except max ejection which Envoy sets at 10%.
export const DEFAULT_OUTLIER: OutlierModel = { consecutive5xx: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 10 };

/** Overload settings: the given object's fields on top of the inherited ones. */
export function readOverload(f: Field | undefined, inherited: OverloadModel): OverloadModel {
  if (!f) return inherited;
  const eject = readObject(f, "eject");
  const base = inherited.outlier ?? DEFAULT_OUTLIER;
  const outlier: OutlierModel | null = eject
    ? {
        consecutive5xx: readNumber(eject, "consecutive5xx", base.consecutive5xx, true),
        intervalMs: durationMs(f.c, eject.obj.interval, child(eject.path, "interval"), base.intervalMs),
        baseEjectionMs: durationMs(f.c, eject.obj.baseTime, child(eject.path, "baseTime"), base.baseEjectionMs),
        maxEjectionPercent: readNumber(eject, "maxPercent", base.maxEjectionPercent),
      }
    : inherited.outlier;
  return {
    maxConnections: readNumber(f, "maxConnections", inherited.maxConnections, true),
    maxPendingRequests: readNumber(f, "maxPendingRequests", inherited.maxPendingRequests, true),
    maxRequests: readNumber(f, "maxRequests", inherited.maxRequests, true),
    maxRetries: readNumber(f, "maxRetries", inherited.maxRetries, true),
    connectTimeoutMs: durationMs(f.c, f.obj.connectTimeout, child(f.path, "connectTimeout"), inherited.connectTimeoutMs),
    outlier,
  };
}

/** A local token bucket; the burst defaults to a fifth of the rate (at least 1). */
export function readRateLimit(f: Field | undefined): RateLimitModel | null {
  if (!f) return null;
  const rps = readNumber(f, "requestsPerSecond", 0);
  return { requestsPerSecond: rps, burst: readNumber(f, "burst", Math.max(1, Math.floor(rps / 5))) };
}
