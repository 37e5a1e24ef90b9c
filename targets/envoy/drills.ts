// Which drills are live in one sidecar: named by the build, aimed at a service this workload calls, from this
// caller (or every caller), in this zone — the caller's zone: the fault filter runs in this sidecar before the
// load balancer picks an endpoint in any zone. Everything else is compiled out.
import type { DrillModel, MeshModel, Workload } from "../../compiler/model";
import type { TargetOptions } from "../target";

export function activeDrills(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string, target: string): DrillModel[] {
  return mesh.drills.filter(
    (d) =>
      options.drills.includes(d.name) &&
      d.target === target &&
      (d.from === null || d.from.includes(workload.service.name)) &&
      d.zones.includes(zone),
  );
}
