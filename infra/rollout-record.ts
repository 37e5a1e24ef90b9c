// A zone's rollout records: one small ConfigMap per (zone, wave), in meshc's own namespace, that depends on
// every object of its wave and that the next wave depends on. Without them, "wave n+1 waits for all of wave n"
// is an edge from every object to every object of the wave before: at 1 000 services that is millions of
// dependency URNs in the engine's requests and the stack's state. Through a record it is two edges per object,
// so the plan stays linear in mesh size. The records are real objects, not a trick: `kubectl get cm -n
// meshc-system -l meshc.io/rollout-record` shows which waves of which zones the last update got through.
import { MESHC_NAMESPACE } from "../compiler/api";
import type { KubeObject } from "./output-objects";

export const ROLLOUT_RECORD_LABEL = "meshc.io/rollout-record";

/** `meshc-rollout-<zone>-wave-<n>`: a DNS-1123 subdomain (zone names are checked by the compiler as labels). */
export function rolloutRecordName(zone: string, wave: number): string {
  return `meshc-rollout-${zone.toLowerCase()}-wave-${wave}`;
}

/**
 * The record of one wave. Its data says what it stands for and does not change between updates unless the
 * wave's size does, so an update that changes one service updates no record (the engine still orders every
 * step after the record's dependencies: a resource is registered only once what it depends on is done).
 */
export function rolloutRecord(zone: string, wave: number, objects: number, nextWave: number | undefined): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: rolloutRecordName(zone, wave),
      namespace: MESHC_NAMESPACE,
      labels: { "app.kubernetes.io/managed-by": "meshc", [ROLLOUT_RECORD_LABEL]: "true", "meshc.io/zone": zone },
    },
    data: {
      zone,
      wave: String(wave),
      objects: String(objects),
      meaning: nextWave === undefined ? `every object of wave ${wave} in zone ${zone} is done` : `every object of wave ${wave} in zone ${zone} is done; wave ${nextWave} starts after this record`,
    },
  };
}

/** Whether an object is a rollout record rather than one of the build's objects. */
export function isRolloutRecord(object: KubeObject): boolean {
  return object.metadata.labels?.[ROLLOUT_RECORD_LABEL] === "true";
}
