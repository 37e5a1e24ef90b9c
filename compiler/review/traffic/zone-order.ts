// The zone order of a called service's endpoints, as a caller in one zone sees them: the same rule the Envoy
// target writes into each cluster's load assignment (targets/envoy/locality.ts, kept in step by
// test/review/explain.test.ts, which reads the generated clusters). With zone failover the caller's own zone is
// priority 0 and the others follow in the mesh's zone order; without it every zone shares priority 0.
import type { MeshModel, ServiceModel } from "../../model";

export interface ZonePriority {
  readonly zone: string;
  readonly priority: number;
}

export function zoneOrder(mesh: MeshModel, callee: ServiceModel, callerZone: string): ZonePriority[] {
  if (callee.failover === "none") return mesh.zones.map((zone) => ({ zone, priority: 0 }));
  return [callerZone, ...mesh.zones.filter((z) => z !== callerZone)].map((zone, priority) => ({ zone, priority }));
}
