// Tracing: the collector is a STRICT_DNS cluster in every sidecar's bootstrap, so its host must be a name a
// resolver takes (or an IP literal: its family is network-literals' MESH700/701, its port MESH704), and the
// sample rate is Envoy's `type.v3.Percent`, 0 to 100.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { shown } from "../diagnostics/shown";
import type { MeshModel } from "../model";
import { parseAddress } from "../normalize/address";
import type { Check } from "./check";
import { finding } from "./finding";
import { hostNameProblem } from "./host-names";

const TRACING = "mesh.telemetry.tracing";

function tracing(mesh: MeshModel): Diagnostic[] {
  const t = mesh.telemetry.tracing;
  if (!t) return [];
  const out: Diagnostic[] = [];
  // An empty host is an address normalize could not split (MESH012 there).
  const problem = t.host === "" || parseAddress(t.host) ? null : hostNameProblem(t.host);
  if (problem) out.push(finding("MESH116", `${TRACING}.address`, `the tracing collector's host ${shown(t.host)} is not a host name: ${problem}.`));
  if (!(t.samplePercent >= 0 && t.samplePercent <= 100)) {
    out.push(finding("MESH117", `${TRACING}.samplePercent`, `samplePercent is ${t.samplePercent}; it must be from 0 to 100.`));
  }
  return out;
}

export const telemetryChecks: Check = { name: "telemetry", run: tracing };
