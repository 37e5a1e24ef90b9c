// `allowFrom` as an ALLOW policy on the service's pods: only the listed callers' mTLS identities get in. Istio
// denies a request to a workload with ALLOW policies unless one matches, so an empty list (an ALLOW policy with
// no rules) denies everyone, as the Envoy target's empty RBAC policy does; allowFrom: null writes no policy.
// https://istio.io/latest/docs/reference/config/security/authorization-policy/
import { type MeshModel, serviceByName, type ServiceModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { principal } from "./identity";
import { istioObject, type IstioObject } from "./object-meta";
import { serviceSelector } from "./workload-labels";

export function authorizationPolicy(mesh: MeshModel, level: ApiLevel, service: ServiceModel): IstioObject | undefined {
  const allowFrom = service.access.allowFrom;
  if (allowFrom === null) return undefined;
  const principals = allowFrom.flatMap((name) => {
    const caller = serviceByName(mesh, name);
    return caller ? [principal(caller)] : [];
  });
  return istioObject(level, "AuthorizationPolicy", mesh.name, service.name, service.namespace, {
    selector: serviceSelector(service.name),
    action: "ALLOW",
    ...(principals.length ? { rules: [{ from: [{ source: { principals } }] }] } : {}),
  });
}
