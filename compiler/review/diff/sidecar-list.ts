// Sidecars named compactly: one entry per workload with its zones, "every zone" when it is all of them.
import type { SidecarRef } from "./blast-radius";

export function sidecarList(refs: readonly SidecarRef[], zones: readonly string[]): string[] {
  const byWorkload = new Map<string, string[]>();
  for (const r of refs) byWorkload.set(r.workload, [...(byWorkload.get(r.workload) ?? []), r.zone]);
  return [...byWorkload].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([w, z]) => `${w} (${z.length === zones.length && zones.length > 1 ? "every zone" : z.join(", ")})`);
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
