// Mesh-wide changes: drills, zones, outbound policy, external hosts, telemetry, capture defaults and routing
// tests. Opening egress (allow-any, a new external host) is flagged risky, like widened access.
import type { DrillModel, MeshModel } from "../../model";
import { drillEffect } from "../traffic/drill-state";
import { type Change, change } from "./change";
import { fieldChanges, show } from "./field-changes";

function drillText(d: DrillModel): string {
  return `${d.target}: ${drillEffect(d)}, from ${d.from ? d.from.join(", ") : "every caller"}, for callers in ${d.zones.join(", ")}`;
}

function drillChanges(base: readonly DrillModel[], head: readonly DrillModel[]): Change[] {
  const out: Change[] = [];
  for (const d of head) {
    const before = base.find((b) => b.name === d.name);
    if (!before) out.push(change("drill-added", `drill '${d.name}' added (${drillText(d)}; off until a build names it)`));
    else if (JSON.stringify(before) !== JSON.stringify(d)) out.push(change("drill-changed", `drill '${d.name}': ${fieldChanges(before, d).join(", ")}`));
  }
  for (const d of base) if (!head.some((h) => h.name === d.name)) out.push(change("drill-removed", `drill '${d.name}' removed (${drillText(d)})`));
  return out;
}

function testChanges(base: MeshModel, head: MeshModel): Change[] {
  const key = (t: MeshModel["tests"][number]) => JSON.stringify({ ...t, index: 0 });
  const before = new Set(base.tests.map(key));
  const after = new Set(head.tests.map(key));
  const added = head.tests.filter((t) => !before.has(key(t))).map((t) => t.name);
  const removed = base.tests.filter((t) => !after.has(key(t))).map((t) => t.name);
  const parts = [...(added.length ? [`added ${added.map((n) => `'${n}'`).join(", ")}`] : []), ...(removed.length ? [`removed ${removed.map((n) => `'${n}'`).join(", ")}`] : [])];
  return parts.length ? [change("routing-tests", `routing tests: ${parts.join("; ")}`)] : [];
}

export function meshChanges(base: MeshModel, head: MeshModel): Change[] {
  const out: Change[] = [];
  if (base.outbound !== head.outbound) out.push(change("mesh", `outbound ${base.outbound}→${head.outbound}`, { risky: head.outbound === "allow-any" }));
  if (base.ipFamily !== head.ipFamily) out.push(change("mesh", `ipFamily ${base.ipFamily}→${head.ipFamily}`));
  if (JSON.stringify(base.zones) !== JSON.stringify(head.zones)) out.push(change("mesh", `zones ${show(base.zones)}→${show(head.zones)} (the order is the failover order)`));
  for (const e of head.externals) {
    const before = base.externals.find((b) => b.host === e.host);
    if (!before) out.push(change("mesh", `external host ${e.host} added (ports ${e.ports.map((p) => p.port).join(", ")}): the mesh may now reach it`, { risky: true }));
    else if (JSON.stringify(before) !== JSON.stringify(e)) out.push(change("mesh", `external host ${e.host}: ${fieldChanges(before, e).join(", ")}`));
  }
  for (const e of base.externals) if (!head.externals.some((h) => h.host === e.host)) out.push(change("mesh", `external host ${e.host} removed`));
  const telemetry = fieldChanges(base.telemetry, head.telemetry);
  if (telemetry.length) out.push(change("mesh", `telemetry ${telemetry.join(", ")}`));
  const capture = fieldChanges(base.capture, head.capture);
  if (capture.length) out.push(change("capture", `capture defaults ${capture.join(", ")}`));
  return [...out, ...drillChanges(base.drills, head.drills), ...testChanges(base, head)];
}
