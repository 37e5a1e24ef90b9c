import type { Duration } from "./duration";

/**
 * Conditions that make a request retriable (Envoy's `retry_on` names; the gRPC ones read grpc-status).
 */
export type RetryOn =
  | "5xx"
  | "gateway-error"
  | "reset"
  | "connect-failure"
  | "retriable-4xx"
  | "refused-stream"
  | "cancelled"
  | "deadline-exceeded"
  | "resource-exhausted"
  | "unavailable";

/**
 * Retries for failed requests.
 * @example { attempts: 2, perTryTimeout: "1s", on: ["connect-failure", "reset"] }
 */
export interface Retries {
  /** Retries after the first try (0 disables retries). @default 2 */
  readonly attempts: number;
  /** Timeout of each try (at least 1ms). @default the route timeout divided by (attempts + 1); no per-try timeout when the route's is "0s" */
  readonly perTryTimeout?: Duration;
  /** Which failures are retried. @default ["connect-failure", "refused-stream", "reset", "unavailable"] */
  readonly on?: readonly RetryOn[];
  /** Exponential back-off between tries (both at least 1ms). @default { base: "25ms", max: "250ms" } */
  readonly backoff?: { readonly base: Duration; readonly max?: Duration };
}

/**
 * Outlier ejection: hosts that keep failing are taken out of the load-balancing pool for a while. meshc runs no
 * active health checks, so ejection is also what fails a zone over (`failover: "zone"`): a zone's traffic moves to
 * the next zone only as its hosts are ejected. A zone-failover service therefore always ejects, with these
 * defaults when the author gives none. Connection failures, resets and timeouts count as 5xx.
 * @example { consecutive5xx: 5, interval: "10s", baseTime: "30s", maxPercent: 50 }
 */
export interface Ejection {
  /** Consecutive 5xx responses that eject a host. @default 5 */
  readonly consecutive5xx?: number;
  /** How often hosts are evaluated. @default "10s" */
  readonly interval?: Duration;
  /** Minimum ejection time (grows with each ejection). @default "30s" */
  readonly baseTime?: Duration;
  /**
   * At most this share of the service's hosts, counted over all zones, is ejected at once, in whole percent (0 to 100). With zone failover it
   * must be at least a zone's share (100 ÷ zones), or a failing zone keeps part of its traffic (MESH510).
   * @default 100 with `failover: "zone"` (a whole zone can fail over); 10 (Envoy's default) with "none"
   */
  readonly maxPercent?: number;
}

/**
 * Overload protection (circuit breaking): limits on what callers send to this service, per caller sidecar.
 * @example { maxConnections: 1024, maxPendingRequests: 256, maxRequests: 2048 }
 */
export interface Overload {
  /** Maximum TCP connections to the service. @default 1024 */
  readonly maxConnections?: number;
  /** Maximum requests waiting for a connection. @default 1024 */
  readonly maxPendingRequests?: number;
  /** Maximum concurrent requests (HTTP/2 and gRPC). @default 1024 */
  readonly maxRequests?: number;
  /** Maximum concurrent retries. @default 3 */
  readonly maxRetries?: number;
  /** TCP connect timeout. @default "1s" */
  readonly connectTimeout?: Duration;
  /** Outlier ejection. @default with `failover: "zone"` the {@link Ejection} defaults; with "none", no ejection */
  readonly eject?: Ejection;
}

/**
 * A local (per-sidecar, token-bucket) rate limit on requests this service receives.
 * No central rate-limit service is asked: each sidecar enforces its share.
 * @example { requestsPerSecond: 2000, burst: 400 }
 */
export interface RateLimit {
  /** Sustained requests per second per sidecar (a whole number, at most 4294967295). */
  readonly requestsPerSecond: number;
  /** Extra requests allowed in a burst. @default requestsPerSecond / 5 */
  readonly burst?: number;
}
