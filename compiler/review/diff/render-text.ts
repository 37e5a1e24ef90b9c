// `meshc diff` for a terminal: the changes (risky ones marked "!"), the blast radius, then the files.
import { type SidecarRef } from "./blast-radius";
import type { MeshDiff } from "./semantic-diff";
import { plural, sidecarList } from "./sidecar-list";

export function radiusSummary(d: MeshDiff): string {
  const r = d.blastRadius;
  const extra = [...(r.added.length ? [`${r.added.length} added`] : []), ...(r.removed.length ? [`${r.removed.length} removed`] : [])];
  return `${r.changed.length} of ${r.total} sidecars (workload × zone) get new config${extra.length ? `, ${extra.join(", ")}` : ""}, in ${plural(r.workloads.length, "workload")}${d.drills.length ? ` (with drills ${d.drills.join(", ")} on)` : ""}`;
}

export function zonesOf(d: MeshDiff): string[] {
  return d.blastRadius.byZone.map((z) => z.zone);
}

export function sidecarGroups(d: MeshDiff): { title: string; refs: readonly SidecarRef[] }[] {
  const r = d.blastRadius;
  return [
    { title: "new config", refs: r.changed },
    { title: "new sidecars", refs: r.added },
    { title: "removed sidecars", refs: r.removed },
  ].filter((g) => g.refs.length);
}

export function diffText(d: MeshDiff): string {
  const lines = [`meshc diff: ${d.base.label} → ${d.head.label}`, `${plural(d.changes.length, "change")}, ${d.risky} risky`, ""];
  for (const c of d.changes) lines.push(`${c.risky ? "!" : " "} ${c.text}`);
  if (!d.changes.length) lines.push("  no semantic change");
  lines.push("", `blast radius: ${radiusSummary(d)}`);
  for (const z of d.blastRadius.byZone) if (z.changed || z.added || z.removed) lines.push(`  ${z.zone}: ${z.changed} changed, ${z.added} added, ${z.removed} removed`);
  for (const g of sidecarGroups(d)) lines.push(`  ${g.title}: ${sidecarList(g.refs, zonesOf(d)).join(", ")}`);
  const f = d.files;
  if (f) {
    lines.push("", `files: ${f.changed.length} changed, ${f.added.length} added, ${f.removed.length} removed, ${f.unchanged} unchanged (${f.byFolder.map((b) => `${b.folder} ${b.changed + b.added + b.removed}`).join(", ") || "none"})`);
    for (const p of f.changed) lines.push(`  M ${p}`);
    for (const p of f.added) lines.push(`  A ${p}`);
    for (const p of f.removed) lines.push(`  D ${p}`);
  } else {
    lines.push("", "files: not compared (a side without a manifest)");
  }
  return lines.join("\n") + "\n";
}
