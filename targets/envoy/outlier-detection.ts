// Ejection of failing endpoints (passive health checking) from the callee's overload policy, and the panic
// threshold that goes with it. meshc configures no active health checks, so ejection is what makes a failing
// zone's hosts unhealthy and moves its traffic to the next priority (locality.ts).
// https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier
import type { OutlierModel } from "../../compiler/model";
import { duration } from "./typed-config";

export function outlierDetection(o: OutlierModel): object {
  return {
    consecutive_5xx: o.consecutive5xx,
    interval: duration(o.intervalMs),
    base_ejection_time: duration(o.baseEjectionMs),
    max_ejection_percent: o.maxEjectionPercent,
  };
}

/**
 * The cluster's healthy panic threshold, written out rather than left to Envoy's default so that the Envoy and
 * Istio targets agree (Istio's DestinationRule would otherwise turn it off).
 * https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/panic_threshold
 */
export function panicThreshold(o: OutlierModel): object {
  return { healthy_panic_threshold: { value: o.panicThresholdPercent } };
}

/**
 * Envoy's documented defaults of success-rate ejection, written out. Envoy applies them when the fields are
 * absent; @grpc/grpc-js 1.14 does not (it passes the absent minimum through as undefined and then divides
 * by an empty list of hosts, throwing in its outlier-detection timer), so the gRPC shape states them.
 * https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/outlier_detection.proto
 */
export const SUCCESS_RATE_DEFAULTS = { enforcing_success_rate: 100, success_rate_minimum_hosts: 5, success_rate_request_volume: 100, success_rate_stdev_factor: 1900 } as const;
