// What changed between two mesh models, as the incremental builder needs it: whether anything outside
// `services` changed (then every artifact may change), and which services changed, appeared or disappeared.
// Compared by JSON text, which is exact for the model (plain data, every list in its final order).
import type { MeshModel, ServiceModel } from "../model";

export interface ModelSnapshot {
  /** JSON of everything but `services`. */
  readonly meshLevel: string;
  /** Service name → its JSON. */
  readonly services: ReadonlyMap<string, string>;
  /** Service name → the model object that JSON is of. */
  readonly objects: ReadonlyMap<string, ServiceModel>;
}

/**
 * `previous`: the snapshot of an earlier model of the same policy. A service that is the very object it was then
 * (normalize/service-memo.ts reuses unchanged ones) keeps its JSON without being serialized again: the model is
 * readonly data, so the same object has the same text.
 */
export function snapshot(model: MeshModel, previous?: ModelSnapshot): ModelSnapshot {
  const { services, ...rest } = model;
  const texts = new Map<string, string>();
  const objects = new Map<string, ServiceModel>();
  for (const s of services) {
    const same = previous?.objects.get(s.name) === s;
    texts.set(s.name, same ? previous!.services.get(s.name)! : JSON.stringify(s));
    objects.set(s.name, s);
  }
  return { meshLevel: JSON.stringify(rest), services: texts, objects };
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
