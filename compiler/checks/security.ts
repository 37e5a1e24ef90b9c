// Access policy: `allowFrom` is enforced in the callee's own sidecar (no central policy check per request), so
// a `calls` edge the callee does not admit is traffic the policy itself would deny; and callers are identified by
// their mTLS certificates, so `allowFrom` means nothing with mTLS disabled.
// https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source (principals need mTLS)
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child, element } from "../diagnostics/model-path";
import { type MeshModel, serviceByName, type ServiceModel } from "../model";
import type { Check } from "./check";
import { admitted } from "./admitted";
import { finding } from "./finding";
import { servicePath } from "./paths";

function callsAdmitted(mesh: MeshModel, s: ServiceModel): Diagnostic[] {
  return s.calls.flatMap((name) => {
    const callee = serviceByName(mesh, name);
    const allowed = callee?.access.allowFrom;
    if (!callee || allowed === null || allowed === undefined || allowed.includes(s.name)) return [];
    return [
      finding("MESH400", element(child(servicePath(s.name), "calls"), name), `'${s.name}' calls '${name}', but '${name}' admits ${admitted(allowed)}: every such call would be denied.`, {
        related: [{ path: `${servicePath(name)}.access.allowFrom`, message: `the allowFrom of '${name}'` }],
        hint: `add svc.${s.name} to the allowFrom of '${name}', or remove '${name}' from the calls of '${s.name}'`,
      }),
    ];
  });
}

function mtlsForAllowFrom(s: ServiceModel): Diagnostic[] {
  if (s.access.allowFrom === null || s.access.mtls !== "disable") return [];
  const at = `${servicePath(s.name)}.access`;
  return [
    finding("MESH401", `${at}.mtls`, `service '${s.name}' restricts its callers with allowFrom, but mTLS is disabled: without client certificates its sidecar cannot tell callers apart.`, {
      related: [{ path: `${at}.allowFrom`, message: "the callers it means to admit" }],
    }),
  ];
}

export const securityChecks: Check = {
  name: "security",
  run: (mesh) => mesh.services.flatMap((s) => [...callsAdmitted(mesh, s), ...mtlsForAllowFrom(s)]),
};
