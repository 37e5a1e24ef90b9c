// Fault-injection drills. Faults are injected in the caller's sidecar (as Istio does), so a drill's `from`
// list selects the callers whose configs get it and its `zones` the zones where those sidecars run. A drill is
// compiled in only when the build names it (`meshc build --drill NAME`).
// The filter in the chain has no fault of its own; each drill rides on the called service's virtual host as
// per-route config: https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/fault_filter
import type { DrillModel } from "../../../compiler/model";
import { duration, extension, fractionalPercent, typed } from "../typed-config";

export const FAULT_FILTER = "envoy.filters.http.fault";
const HTTP_FAULT = "envoy.extensions.filters.http.fault.v3.HTTPFault";

export function faultFilter(): object {
  return extension(FAULT_FILTER, HTTP_FAULT);
}

/** The fault of the drills active for one called service (the first drill's delay/abort win when several overlap). */
export function faultOverride(drills: readonly DrillModel[]): object {
  const delay = drills.find((d) => d.delay)?.delay;
  const abort = drills.find((d) => d.abort)?.abort;
  return {
    [FAULT_FILTER]: typed(HTTP_FAULT, {
      ...(delay ? { delay: { fixed_delay: duration(delay.fixedMs), percentage: fractionalPercent(delay.percent) } } : {}),
      ...(abort ? { abort: { http_status: abort.status, percentage: fractionalPercent(abort.percent) } } : {}),
    }),
  };
}
