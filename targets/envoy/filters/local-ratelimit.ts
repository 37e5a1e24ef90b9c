// The service's rate limit, enforced by each of its own sidecars with a local token bucket: no call to a
// central rate-limit service on the request path.
// https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/local_rate_limit_filter
import type { RateLimitModel } from "../../../compiler/model";
import { duration, extension, fractionalPercent } from "../typed-config";

const STAT_PREFIX = "inbound_local_rate_limit";
const ALWAYS = 100;
/** Refills per second we try, finest first; Envoy wants fill intervals of at least 50 ms. */
const REFILLS_PER_SECOND = [10, 5, 4, 2, 1];

/**
 * The bucket: `burst` tokens at most, refilled at `requestsPerSecond`. The refill is split into the finest
 * whole-token steps (2000/s → 200 tokens every 100 ms) so traffic is smoothed instead of released once a second.
 */
export function tokenBucket(r: RateLimitModel): object {
  const rps = Math.max(1, Math.round(r.requestsPerSecond));
  const refills = REFILLS_PER_SECOND.find((k) => rps % k === 0)!;
  const perFill = rps / refills;
  return { max_tokens: Math.max(r.burst, perFill), tokens_per_fill: perFill, fill_interval: duration(1000 / refills) };
}

export function localRateLimitFilter(r: RateLimitModel): object {
  return extension("envoy.filters.http.local_ratelimit", "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit", {
    stat_prefix: STAT_PREFIX,
    token_bucket: tokenBucket(r),
    // Without these two the filter only counts; with them it rejects with 429.
    filter_enabled: { runtime_key: "local_rate_limit_enabled", default_value: fractionalPercent(ALWAYS) },
    filter_enforced: { runtime_key: "local_rate_limit_enforced", default_value: fractionalPercent(ALWAYS) },
  });
}
