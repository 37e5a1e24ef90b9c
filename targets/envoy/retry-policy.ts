// Retries from the route's retry model: which failures, how many times, each try's timeout and the back-off.
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#config-route-v3-retrypolicy
import type { RetryModel } from "../../compiler/model";
import { duration } from "./typed-config";

/** Undefined when the route does not retry. */
export function retryPolicy(r: RetryModel): object | undefined {
  if (r.attempts === 0 || r.on.length === 0) return undefined;
  return {
    retry_on: r.on.join(","),
    num_retries: r.attempts,
    // 0: the route has no timeout and the author set none per try, so no try is cut short.
    ...(r.perTryTimeoutMs > 0 ? { per_try_timeout: duration(r.perTryTimeoutMs) } : {}),
    retry_back_off: { base_interval: duration(r.backoffBaseMs), max_interval: duration(r.backoffMaxMs) },
  };
}
