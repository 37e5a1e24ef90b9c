// What changed between two mesh models, as the incremental builder needs it: whether anything outside
// `services` changed (then every artifact may change), and which services changed, appeared or disappeared.
// Compared by JSON text, which is exact for the model (plain data, every list in its final order).
import type { MeshModel, ServiceModel } from "../model";

export interface ModelSnapshot {
  /** JSON of everything but `services`. */
  readonly meshLevel: string;
  /** Service name → its JSON. */
  readonly services: ReadonlyMap<string, string>;
}

export function snapshot(model: MeshModel): ModelSnapshot {
  const { services, ...rest } = model;
  return { meshLevel: JSON.stringify(rest), services: new Map(services.map((s: ServiceModel) => [s.name, JSON.stringify(s)])) };
}

export interface ModelChanges {
  /** Something mesh-wide changed: nothing built before can be reused. */
  readonly meshLevel: boolean;
  /** Services whose model differs, including added and removed ones. */
  readonly services: ReadonlySet<string>;
}

export function changesBetween(before: ModelSnapshot, after: ModelSnapshot): ModelChanges {
  const services = new Set<string>();
  for (const [name, json] of after.services) if (before.services.get(name) !== json) services.add(name);
  for (const name of before.services.keys()) if (!after.services.has(name)) services.add(name);
  return { meshLevel: before.meshLevel !== after.meshLevel, services };
}
