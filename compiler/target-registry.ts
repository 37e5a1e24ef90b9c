// The one place the compiler learns which targets exist (DESIGN.md: compiler imports targets only here).
import { captureTarget } from "../targets/capture";
import { envoyTarget } from "../targets/envoy";
import { istioTarget } from "../targets/istio";
import type { Target } from "../targets/target";

export const targets: readonly Target[] = [captureTarget, envoyTarget, istioTarget];

/** What `meshc serve` sends a sidecar, from the Envoy target's own constructors (never a second translation). */
export { accountSpiffeId, clusterLoadAssignment, type EndpointSpec, type ResolvedEndpoint, sidecarResources, type SidecarResources, spiffeId, type XdsShape } from "../targets/envoy";
export { servicesRead } from "../targets/envoy/scope";
export { MESHC_NAMESPACE, XDS_PORT, XDS_SERVICE_ACCOUNT } from "../targets/sidecar-layout";
