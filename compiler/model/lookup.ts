import type { MeshModel } from "./mesh";
import type { ServiceModel } from "./service";

const indexes = new WeakMap<MeshModel, Map<string, ServiceModel>>();

/** Finds a service by name in O(1); the index is built once per model. */
export function serviceByName(mesh: MeshModel, name: string): ServiceModel | undefined {
  let index = indexes.get(mesh);
  if (!index) {
    index = new Map(mesh.services.map((s) => [s.name, s]));
    indexes.set(mesh, index);
  }
  return index.get(name);
}
