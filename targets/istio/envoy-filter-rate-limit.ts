// The service's rate limit as a local token bucket in each of its own sidecars. Istio has no first-class API
// for local rate limits, so this is the smallest EnvoyFilter that does it: Envoy's local_ratelimit HTTP filter
// on the inbound side, inserted just before the router — after Istio's RBAC filter, so a denied caller spends
// no token, the order of the Envoy target's inbound chain.
// https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/#local-rate-limit
import type { MeshModel, RateLimitModel, ServiceModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioObject, type IstioObject } from "./object-meta";
import { APP_LABEL } from "./workload-labels";

const STAT_PREFIX = "inbound_local_rate_limit";
/** Refills per second we try, finest first; Envoy wants fill intervals of at least 50 ms. */
const REFILLS_PER_SECOND = [10, 5, 4, 2, 1];
const ALWAYS = { numerator: 100, denominator: "HUNDRED" };

/** The Envoy target's bucket (targets/envoy/filters/local-ratelimit.ts), written in Envoy's own JSON. */
export function tokenBucket(r: RateLimitModel): object {
  const rps = Math.max(1, Math.round(r.requestsPerSecond));
  const refills = REFILLS_PER_SECOND.find((k) => rps % k === 0)!;
  const perFill = rps / refills;
  const intervalMs = 1000 / refills;
  return { max_tokens: Math.max(r.burst, perFill), tokens_per_fill: perFill, fill_interval: `${intervalMs / 1000}s` };
}

export function rateLimitFilterName(service: ServiceModel): string {
  return `${service.name}-local-ratelimit`;
}

export function envoyFilterRateLimit(mesh: MeshModel, level: ApiLevel, service: ServiceModel): IstioObject | undefined {
  if (!service.rateLimit) return undefined;
  return istioObject(level, "EnvoyFilter", mesh.name, rateLimitFilterName(service), service.namespace, {
    workloadSelector: { labels: { [APP_LABEL]: service.name } },
    configPatches: [
      {
        applyTo: "HTTP_FILTER",
        match: {
          context: "SIDECAR_INBOUND",
          listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager", subFilter: { name: "envoy.filters.http.router" } } } },
        },
        patch: {
          operation: "INSERT_BEFORE",
          value: {
            name: "envoy.filters.http.local_ratelimit",
            typed_config: {
              "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
              stat_prefix: STAT_PREFIX,
              token_bucket: tokenBucket(service.rateLimit),
              // Without these two the filter only counts; with them it rejects with 429.
              filter_enabled: { runtime_key: "local_rate_limit_enabled", default_value: ALWAYS },
              filter_enforced: { runtime_key: "local_rate_limit_enforced", default_value: ALWAYS },
            },
          },
        },
      },
    ],
  });
}
