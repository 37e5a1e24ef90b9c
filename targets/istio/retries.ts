// A route's retries as Istio's HTTPRetry. `attempts` is the number of retries after the first try in both
// Istio and the model (Envoy's num_retries). A route that does not retry says `attempts: 0`: without a
// `retries` field Istio retries twice by default, which the policy did not ask for.
// https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
// Istio has no field for the back-off: Envoy's default (25 ms base, 250 ms cap) applies, which is also the
// model's default; findings.ts reports a policy that sets another one.
import type { RetryModel } from "../../compiler/model";
import { istioDuration } from "./duration";

export function httpRetry(r: RetryModel): object {
  if (r.attempts === 0 || r.on.length === 0) return { attempts: 0 };
  // An unbounded try (perTryTimeoutMs 0, under a route without timeout) is Istio's default: the field is left out.
  return { attempts: r.attempts, ...(r.perTryTimeoutMs > 0 ? { perTryTimeout: istioDuration(r.perTryTimeoutMs) } : {}), retryOn: r.on.join(",") };
}
