// External hosts (egress): each becomes a STRICT_DNS cluster per port, a virtual-host domain in the
// outbound route table and, for TLS, an SNI name in a filter chain. A name no resolver takes, or one that is
// also a name of a mesh service (whose virtual host already claims it: Envoy rejects a route table in which
// two virtual hosts share a domain), is reported at the author's key. Hosts that differ only in case are
// normalize's MESH109.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import type { ExternalModel, MeshModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { finding } from "./finding";
import { hostNameProblem } from "./host-names";
import { servicePath } from "./paths";

/** The names a client in the mesh reaches a service by (the envoy target's serviceDomains, without ports). */
function serviceNames(s: ServiceModel): string[] {
  return [s.host, `${s.name}.${s.namespace}.svc`, `${s.name}.${s.namespace}`, s.name];
}

function external(e: ExternalModel, owners: ReadonlyMap<string, ServiceModel>): Diagnostic[] {
  const at = child("mesh.external", e.host);
  const problem = hostNameProblem(e.host);
  if (problem) return [finding("MESH108", at, `external host ${shown(e.host)} is not a DNS name: ${problem}.`)];
  const owner = owners.get(e.host);
  if (!owner) return [];
  return [
    finding("MESH110", at, `external host ${shown(e.host)} is a name of the mesh's service '${owner.name}', whose routes already serve it.`, {
      related: [{ path: servicePath(owner.name), message: `service '${owner.name}'` }],
      hint: "remove the external entry: calls to the service go through its own routes",
    }),
  ];
}

export const externalHostChecks: Check = {
  name: "external-hosts",
  run: (mesh: MeshModel) => {
    const owners = new Map<string, ServiceModel>();
    for (const s of mesh.services) for (const n of serviceNames(s)) if (!owners.has(n.toLowerCase())) owners.set(n.toLowerCase(), s);
    return mesh.externals.flatMap((e) => external(e, owners));
  },
};
