// Fault-injection drills in a VirtualService. Istio injects faults in the caller's sidecar, as the Envoy target
// does, and scopes them the same way:
// - zones: each zone's files (istio/<zone>/) carry only the drills active in that zone, so a drill reaches the
//   callers of the zone whose cluster applies those files. Pods carry no zone label Istio could match on
//   (`topology.kubernetes.io/zone` is a node label), so `sourceLabels` cannot scope by zone; per-zone output can.
// - from: a drill limited to some callers becomes a copy of each route, matched on the callers' `app` label
//   (`sourceLabels`) and placed before the route, with that drill's fault; other callers fall through to the
//   route itself. Overlapping drills combine as in the Envoy target: the first drill's delay and abort win.
// https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
import type { DrillModel, MeshModel } from "../../compiler/model";
import type { TargetOptions } from "../target";
import { istioDuration } from "./duration";

/** The drills this build switches on that aim at `target` and are active in `zone`. */
export function zoneDrills(mesh: MeshModel, options: TargetOptions, target: string, zone: string): DrillModel[] {
  return mesh.drills.filter((d) => options.drills.includes(d.name) && d.target === target && d.zones.includes(zone));
}

export function httpFault(drills: readonly DrillModel[]): object | undefined {
  const delay = drills.find((d) => d.delay)?.delay;
  const abort = drills.find((d) => d.abort)?.abort;
  if (!delay && !abort) return undefined;
  return {
    ...(delay ? { delay: { fixedDelay: istioDuration(delay.fixedMs), percentage: { value: delay.percent } } } : {}),
    ...(abort ? { abort: { httpStatus: abort.status, percentage: { value: abort.percent } } } : {}),
  };
}

export interface CallerGroup {
  /** Callers (service names, sorted) whose requests get `drills`; null: every other caller. */
  readonly callers: readonly string[] | null;
  readonly drills: readonly DrillModel[];
}

/**
 * Callers grouped by the drills that apply to them: each caller a drill names gets the drills naming it plus
 * the drills for every caller; everyone else only the latter. Groups of named callers come first, ordered by
 * their first caller; a group that gets exactly what everyone gets is left to the default.
 */
export function callerGroups(drills: readonly DrillModel[]): CallerGroup[] {
  const forAll = drills.filter((d) => d.from === null);
  const named = [...new Set(drills.flatMap((d) => d.from ?? []))].sort();
  const byKey = new Map<string, { callers: string[]; drills: DrillModel[] }>();
  for (const caller of named) {
    const applied = drills.filter((d) => d.from === null || d.from.includes(caller));
    const key = applied.map((d) => d.name).join("\n");
    const group = byKey.get(key) ?? { callers: [], drills: applied };
    group.callers.push(caller);
    byKey.set(key, group);
  }
  const forAllKey = forAll.map((d) => d.name).join("\n");
  const groups: CallerGroup[] = [...byKey].filter(([key]) => key !== forAllKey).map(([, g]) => g);
  return forAll.length ? [...groups, { callers: null, drills: forAll }] : groups;
}
