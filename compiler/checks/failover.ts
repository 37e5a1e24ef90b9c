// Zone failover that cannot happen. Envoy moves a zone's traffic to the next zone only as its hosts are ejected
// (meshc configures no active health checks), and it caps ejections over the whole cluster — every zone of one
// version — at `maxPercent`, allowing the n-th only while n ÷ hosts ≤ maxPercent. Zones run the same number of
// replicas, so a zone is 1 ÷ zones of the hosts: below that share, a failing zone is never ejected whole and
// keeps part of its traffic however badly it fails.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import type { MeshModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { finding } from "./finding";
import { servicePath } from "./paths";

function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

function zoneEjection(mesh: MeshModel, s: ServiceModel): Diagnostic[] {
  const outlier = s.overload.outlier;
  const zones = mesh.zones.length;
  if (s.failover !== "zone" || zones < 2 || !outlier) return [];
  const zoneShare = 100 / zones;
  if (outlier.maxEjectionPercent >= zoneShare) return [];
  // Inherited values are reported where they are written, so the message does not name the service.
  return [
    finding(
      "MESH510",
      child(child(child(servicePath(s.name), "overload"), "eject"), "maxPercent"),
      `with zone failover across ${zones} zones a zone holds ${percent(zoneShare)} of the hosts, but maxPercent ${outlier.maxEjectionPercent} lets Envoy eject at most ${outlier.maxEjectionPercent}% of them: a failing zone is never ejected whole and keeps part of its traffic.`,
      { hint: `set maxPercent to at least ${Math.ceil(zoneShare)}, or leave it out (zone failover defaults to 100)` },
    ),
  ];
}

export const failoverChecks: Check = {
  name: "failover",
  run: (mesh) => mesh.services.flatMap((s) => zoneEjection(mesh, s)),
};
