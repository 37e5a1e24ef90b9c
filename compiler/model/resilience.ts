export interface OutlierModel {
  readonly consecutive5xx: number;
  readonly intervalMs: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionPercent: number;
}

/** Overload protection applied by callers' sidecars to traffic towards the service. */
export interface OverloadModel {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
  readonly connectTimeoutMs: number;
  readonly outlier: OutlierModel | null;
}

/** Token bucket enforced by each of the service's own sidecars. */
export interface RateLimitModel {
  readonly requestsPerSecond: number;
  readonly burst: number;
}
