// Overload protection: Envoy's circuit breakers on the caller's side, per upstream cluster, from the callee's
// overload policy. https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/circuit_breaking
import type { OverloadModel } from "../../compiler/model";

export function circuitBreakers(o: OverloadModel): object {
  return {
    thresholds: [
      {
        priority: "DEFAULT",
        max_connections: o.maxConnections,
        max_pending_requests: o.maxPendingRequests,
        max_requests: o.maxRequests,
        max_retries: o.maxRetries,
      },
    ],
  };
}
