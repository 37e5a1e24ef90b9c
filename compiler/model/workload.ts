import type { MeshModel } from "./mesh";
import type { ServiceModel } from "./service";

/** A workload is one version of one service: the unit that gets a Deployment, a sidecar and capture rules. */
export interface Workload {
  readonly service: ServiceModel;
  readonly version: string;
  /** `<service>-<version>`: a DNS-1123 label (checked by the model's invariants). */
  readonly name: string;
}

/** Every workload, in service then version order: the one place that order is decided. */
export function workloads(mesh: MeshModel): Workload[] {
  return mesh.services.flatMap((service) =>
    service.versions.map((version) => ({ service, version, name: `${service.name}-${version}` })),
  );
}

/**
 * Each service's first workload, in service order: what a target builds from when every version of a service
 * shares the same files (its Envoy folders, its capture folder), so that each is built once.
 */
export function firstWorkloads(mesh: MeshModel): Workload[] {
  return workloads(mesh).filter((w) => w.version === w.service.versions[0]);
}
