/**
 * Outlier ejection (passive health checking) by callers' sidecars. Every service with zone failover has one:
 * without health checks, ejection is what makes a failing zone's hosts unhealthy, so traffic moves on.
 */
export interface OutlierModel {
  readonly consecutive5xx: number;
  readonly intervalMs: number;
  readonly baseEjectionMs: number;
  /** At most this share of the hosts of a cluster (every zone of one version and port) is ejected at once. */
  readonly maxEjectionPercent: number;
  /**
   * Envoy's healthy panic threshold: when the zones together are short of healthy hosts, a zone (priority) with
   * less than this share of its hosts healthy is balanced over all its hosts, ejected ones included.
   */
  readonly panicThresholdPercent: number;
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
