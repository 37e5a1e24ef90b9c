// Outlier ejection (Envoy's passive health checking), and why zone failover cannot work without it.
//
// meshc configures no active health checks: a host is unhealthy to Envoy only once outlier detection ejects it.
// Zone failover is Envoy's priority spill-over (the caller's zone is priority 0, the other zones follow), which
// moves traffic to the next priority only as hosts of the closer one turn unhealthy. So a zone whose pods stay
// ready (still listed by DNS) but fail every request would keep its traffic for ever; Istio refuses locality
// failover without outlierDetection for this reason. A zone-failover service therefore always gets ejection.
// https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/priority
import { child } from "../diagnostics/model-path";
import type { OutlierModel, ServiceModel } from "../model";
import { durationMs } from "./duration";
import { type Field, readNumber, readObject } from "./read";

/** What the author wrote under `eject`, field by field (mesh defaults, then the service on top). */
export type EjectionSetting = Partial<EjectionFields>;
type EjectionFields = Omit<OutlierModel, "panicThresholdPercent">;

/**
 * Envoy's healthy panic threshold, kept at Envoy's own default and written into every cluster that ejects. With
 * zone priorities Envoy applies it only when the zones together cannot absorb the load (normalized total health
 * below 100 %), so it never holds traffic in a failed zone while another zone has room; and when ejection has
 * taken out (nearly) every host everywhere, it keeps sending to all hosts instead of failing every request with
 * "no healthy upstream". Spelled out so that every target means the same (Istio's own default would be 0).
 * https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/panic_threshold
 */
const HEALTHY_PANIC_THRESHOLD_PERCENT = 50;

/** Envoy's outlier-detection defaults (consecutive 5xx, 10 s sweep, 30 s base time, at most 10 % ejected). */
const DEFAULT_EJECTION: EjectionFields = { consecutive5xx: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 10 };

/**
 * The ejection of a zone-failover service: applied whole when its author gives none, and the base of the fields
 * they leave out. Envoy caps ejections over the whole cluster, every zone included, and allows the n-th only
 * while n ÷ hosts ≤ max_ejection_percent (envoyproxy/envoy#27909, Envoy 1.27): at its 10 % default a cluster of
 * fewer than ten hosts ejects nothing at all, and a zone (a third of the hosts in three zones) is never ejected
 * whole. 100 % lets a failed zone go completely; the panic threshold above keeps a mesh-wide failure, where
 * ejection takes out every host, from failing every request.
 */
const FAILOVER_EJECTION: EjectionFields = { ...DEFAULT_EJECTION, maxEjectionPercent: 100 };

/** The ejection fields given under `eject` of the overload object `f`, on top of the inherited ones; null when neither has any. */
export function readEjection(f: Field, inherited: EjectionSetting | null): EjectionSetting | null {
  const eject = readObject(f, "eject");
  if (!eject) return inherited;
  const given = (key: string) => eject.obj[key] !== undefined;
  const out: { -readonly [K in keyof EjectionSetting]: EjectionSetting[K] } = { ...inherited };
  if (given("consecutive5xx")) out.consecutive5xx = readNumber(eject, "consecutive5xx", DEFAULT_EJECTION.consecutive5xx, true);
  if (given("interval")) out.intervalMs = durationMs(f.c, eject.obj.interval, child(eject.path, "interval"), DEFAULT_EJECTION.intervalMs);
  if (given("baseTime")) out.baseEjectionMs = durationMs(f.c, eject.obj.baseTime, child(eject.path, "baseTime"), DEFAULT_EJECTION.baseEjectionMs);
  if (given("maxPercent")) out.maxEjectionPercent = readNumber(eject, "maxPercent", DEFAULT_EJECTION.maxEjectionPercent);
  return out;
}

/** The service's ejection: what its author gave over the defaults of its failover mode; zone failover always ejects. */
export function resolveEjection(given: EjectionSetting | null, failover: ServiceModel["failover"]): OutlierModel | null {
  if (!given && failover === "none") return null;
  const base = failover === "zone" ? FAILOVER_EJECTION : DEFAULT_EJECTION;
  return { ...base, ...given, panicThresholdPercent: HEALTHY_PANIC_THRESHOLD_PERCENT };
}
