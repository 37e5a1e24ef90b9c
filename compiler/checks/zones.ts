// Zones and fault-injection drills. Zones are `topology.kubernetes.io/zone` label values; drills inject faults
// in the sidecars of the target's callers (Envoy's HTTP fault filter runs on the caller side), so a drill whose
// target nobody calls changes nothing.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child, element } from "../diagnostics/model-path";
import { type DrillModel, type MeshModel, serviceByName } from "../model";
import type { Check } from "./check";
import { didYouMean } from "./did-you-mean";
import { finding } from "./finding";
import { drillPath, servicePath } from "./paths";
import { roundsToZero } from "./percent";

// Kubernetes label values: at most 63 characters, alphanumerics, '-', '_', '.', alphanumeric at both ends.
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function zoneNames(mesh: MeshModel): Diagnostic[] {
  if (mesh.zones.length === 0) return [finding("MESH504", "mesh.zones", "the mesh declares no zones; every workload is placed per zone, so it needs at least one.")];
  return mesh.zones.flatMap((z, i) =>
    z.length <= 63 && LABEL_VALUE.test(z) ? [] : [finding("MESH506", child("mesh.zones", i), `zone '${z}' is not a valid Kubernetes label value.`)],
  );
}

function percent(value: number, path: string, what: string): Diagnostic[] {
  if (!(value > 0 && value <= 100)) return [finding("MESH503", path, `the ${what} percent is ${value}; it must be above 0 and at most 100.`)];
  if (roundsToZero(value)) return [finding("MESH503", path, `the ${what} percent ${value} is below 0.0001, Envoy's finest share: the drill would never inject it.`)];
  return [];
}

/** Kubernetes takes any int32; more than this many pods of one version in one zone is a typo, not a plan. */
export const MAX_REPLICAS = 1000;

function replicas(mesh: MeshModel): Diagnostic[] {
  return mesh.services.flatMap((s) =>
    Number.isInteger(s.replicas) && s.replicas >= 1 && s.replicas <= MAX_REPLICAS
      ? []
      : [finding("MESH508", child(servicePath(s.name), "replicas"), `replicas is ${s.replicas}; it must be a whole number from 1 to ${MAX_REPLICAS} (pods per version and zone).`)],
  );
}

function drill(mesh: MeshModel, d: DrillModel): Diagnostic[] {
  const at = drillPath(d.name);
  const names = mesh.services.map((s) => s.name);
  const out: Diagnostic[] = [];
  const target = serviceByName(mesh, d.target);
  if (!target) out.push(finding("MESH501", child(at, "target"), `drill '${d.name}' targets service '${d.target}', which the mesh does not define.`, { hint: didYouMean(d.target, names, "service") }));
  for (const from of d.from ?? []) {
    if (!serviceByName(mesh, from)) out.push(finding("MESH501", element(child(at, "from"), from), `drill '${d.name}' applies to calls from '${from}', which the mesh does not define.`, { hint: didYouMean(from, names, "service") }));
  }
  for (const zone of d.zones) {
    if (!mesh.zones.includes(zone)) out.push(finding("MESH502", element(child(at, "zones"), zone), `drill '${d.name}' names zone '${zone}', which the mesh does not declare.`, { hint: didYouMean(zone, mesh.zones, "zone") }));
  }
  if (d.delay) {
    out.push(...percent(d.delay.percent, child(child(at, "delay"), "percent"), "delay"));
    // Envoy's FaultDelay.fixed_delay: PGV duration.gt = 0.
    if (!(d.delay.fixedMs > 0)) out.push(finding("MESH507", child(child(at, "delay"), "fixed"), `drill '${d.name}' delays requests by ${d.delay.fixedMs}ms; a delay must be above 0.`));
  }
  if (d.abort) {
    out.push(...percent(d.abort.percent, child(child(at, "abort"), "percent"), "abort"));
    // Envoy's HTTP fault filter takes an abort status in [200, 600).
    if (!(Number.isInteger(d.abort.status) && d.abort.status >= 200 && d.abort.status <= 599)) {
      out.push(finding("MESH503", child(child(at, "abort"), "status"), `abort status ${d.abort.status} is not an HTTP status from 200 to 599.`));
    }
  }
  if (target && (d.from ?? []).every((f) => serviceByName(mesh, f))) {
    const callers = mesh.services.filter((s) => s.calls.includes(target.name) && (d.from === null || d.from.includes(s.name)));
    if (callers.length === 0) {
      const who = d.from === null ? "no service calls it" : `none of ${d.from.map((f) => `'${f}'`).join(", ")} calls it`;
      out.push(finding("MESH505", child(at, d.from === null ? "target" : "from"), `drill '${d.name}' has no effect: faults are injected in the callers of '${target.name}', but ${who}.`));
    }
  }
  return out;
}

export const zoneChecks: Check = {
  name: "zones",
  run: (mesh) => [...zoneNames(mesh), ...mesh.drills.flatMap((d) => drill(mesh, d)), ...replicas(mesh)],
};
