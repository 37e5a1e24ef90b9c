// Workload identities as AuthorizationPolicy principals: the SPIFFE ID without its scheme,
// `<trust domain>/ns/<namespace>/sa/<service account>`. The Envoy target's RBAC names the same identity
// (`spiffe://cluster.local/ns/<ns>/sa/<service>`: targets/envoy/tls.ts); a test holds the two together.
// https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
import type { ServiceModel } from "../../compiler/model";

/** Istio's default trust domain, the one meshc's own sidecars use. */
export const TRUST_DOMAIN = "cluster.local";

/** Each service runs as the ServiceAccount named after it. */
export function principal(service: ServiceModel): string {
  return `${TRUST_DOMAIN}/ns/${service.namespace}/sa/${service.name}`;
}
