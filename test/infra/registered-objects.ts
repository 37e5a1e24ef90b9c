// What the infra tests read out of the mock engine's registrations, and what they expect of a build: the
// Kubernetes objects per zone and kind, counted the same way on both sides.
import type { Registration } from "../../infra/engine-mocks";
import { zoneObjects } from "../../infra/output-objects";
import { isRolloutRecord } from "../../infra/rollout-record";

export type Counts = Record<string, Record<string, number>>;

/** Resource names are `<zone>/<namespace>/<name>` (rollout-plan.ts). */
export const zoneOf = (r: Registration) => r.name.split("/")[0]!;
export const kindOf = (r: Registration) => r.type.split(":").pop()!;
export const isRecord = (r: Registration) => isRolloutRecord(r.inputs as never);
/** The Kubernetes objects among the registrations (no providers or components). */
export const objects = (rs: readonly Registration[]) => rs.filter((r) => r.type.startsWith("kubernetes:"));

function add(counts: Counts, zone: string, kind: string): void {
  const zoneCounts = (counts[zone] ??= {});
  zoneCounts[kind] = (zoneCounts[kind] ?? 0) + 1;
}

/** The registered objects per zone and kind, the plan's rollout records left out. */
export function registeredCounts(rs: readonly Registration[]): Counts {
  const counts: Counts = {};
  for (const r of objects(rs)) if (!isRecord(r)) add(counts, zoneOf(r), kindOf(r));
  return counts;
}

/** The build's objects per zone and kind under `folder`, plus meshc's own namespace, which the plan adds when the build has none. */
export function builtCounts(files: ReadonlyMap<string, string>, folder: string, zones: readonly string[]): Counts {
  const counts: Counts = {};
  for (const zone of zones) {
    const built = zoneObjects(files, folder, zone);
    for (const o of built) add(counts, zone, o.object.kind);
    if (!built.some((o) => o.object.kind === "Namespace" && o.object.metadata.name === "meshc-system")) add(counts, zone, "Namespace");
  }
  return counts;
}

/** The ConfigMaps a pod's volumes name: a `configMap` volume's, and each of a `projected` volume's (the capture volume). */
export function mountedConfigMaps(volumes: readonly { configMap?: { name: string }; projected?: { sources: readonly { configMap?: { name: string } }[] } }[]): string[] {
  return volumes.flatMap((v) => [...(v.configMap ? [v.configMap.name] : []), ...(v.projected?.sources ?? []).flatMap((s) => (s.configMap ? [s.configMap.name] : []))]);
}
