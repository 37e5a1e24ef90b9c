// Which drills act on one request: the rule the Envoy target compiles in (targets/envoy/drills.ts, kept in step
// by test/review/explain.test.ts): a drill is live in a caller's sidecar when the build names it, it aims at
// the called service, it lists this caller (or every caller), and the caller runs in one of its zones. For a
// drill that is not live, the first of those conditions that fails says why.
import type { DrillModel, MeshModel } from "../../model";

export interface DrillState {
  readonly drill: DrillModel;
  readonly active: boolean;
  /** Why it is not live; empty when it is. */
  readonly why: string;
}

/** Every drill aimed at `callee`, live or not, in the model's (name) order. */
export function drillStates(mesh: MeshModel, switchedOn: readonly string[], caller: string, callee: string, zone: string): DrillState[] {
  return mesh.drills
    .filter((d) => d.target === callee)
    .map((drill) => {
      const why = !switchedOn.includes(drill.name)
        ? `not switched on (build with --drill ${drill.name})`
        : drill.from !== null && !drill.from.includes(caller)
          ? `only from ${drill.from.join(", ")}`
          : !drill.zones.includes(zone)
            ? `only for callers in ${drill.zones.join(", ")}`
            : "";
      return { drill, active: why === "", why };
    });
}

/** What a drill does to the requests it catches, in words. */
export function drillEffect(drill: DrillModel): string {
  const parts = [
    ...(drill.delay ? [`delay ${drill.delay.fixedMs} ms on ${drill.delay.percent}%`] : []),
    ...(drill.abort ? [`abort with ${drill.abort.status} on ${drill.abort.percent}%`] : []),
  ];
  return parts.join(", ") || "no fault";
}
