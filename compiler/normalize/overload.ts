import { child } from "../diagnostics/model-path";
import type { OverloadModel, RateLimitModel, ServiceModel } from "../model";
import { durationMs } from "./duration";
import { type EjectionSetting, readEjection, resolveEjection } from "./ejection";
import { type Field, readNumber } from "./read";

/** Overload limits as read, before the service's failover mode decides its ejection. */
export interface OverloadSetting extends Omit<OverloadModel, "outlier"> {
  readonly eject: EjectionSetting | null;
}

// Envoy's circuit-breaker defaults are 1024 connections / pending / requests and 3 retries:
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/circuit_breaker.proto
export const DEFAULT_OVERLOAD: OverloadSetting = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
  connectTimeoutMs: 1000,
  eject: null,
};

/** Overload settings: the given object's fields on top of the inherited ones. */
export function readOverload(f: Field | undefined, inherited: OverloadSetting): OverloadSetting {
  if (!f) return inherited;
  return {
    maxConnections: readNumber(f, "maxConnections", inherited.maxConnections, true),
    maxPendingRequests: readNumber(f, "maxPendingRequests", inherited.maxPendingRequests, true),
    maxRequests: readNumber(f, "maxRequests", inherited.maxRequests, true),
    maxRetries: readNumber(f, "maxRetries", inherited.maxRetries, true),
    connectTimeoutMs: durationMs(f.c, f.obj.connectTimeout, child(f.path, "connectTimeout"), inherited.connectTimeoutMs),
    eject: readEjection(f, inherited.eject),
  };
}

/** The model's overload policy of a service, once its failover mode is known. */
export function overloadModel(setting: OverloadSetting, failover: ServiceModel["failover"]): OverloadModel {
  const { eject, ...limits } = setting;
  return { ...limits, outlier: resolveEjection(eject, failover) };
}

/** A local token bucket; the burst defaults to a fifth of the rate (at least 1). */
export function readRateLimit(f: Field | undefined): RateLimitModel | null {
  if (!f) return null;
  const rps = readNumber(f, "requestsPerSecond", 0);
  return { requestsPerSecond: rps, burst: readNumber(f, "burst", Math.max(1, Math.floor(rps / 5))) };
}
