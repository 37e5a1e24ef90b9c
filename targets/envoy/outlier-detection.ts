// Ejection of failing endpoints (passive health checking) from the callee's overload policy.
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
