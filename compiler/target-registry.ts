// The one place the compiler learns which targets exist (DESIGN.md: compiler imports targets only here).
import { captureTarget } from "../targets/capture";
import { envoyTarget } from "../targets/envoy";
import { istioTarget } from "../targets/istio";
import { kubernetesTarget } from "../targets/kubernetes";
import type { Target } from "../targets/target";
import { contentSha256 } from "./emit/content-digest";
import { useHostSha256 } from "../targets/kubernetes/content-hash";

// The kubernetes target names ConfigMaps by the SHA-256 of their files; the native one gives the same digests,
// and the manifest's digests of the same files are then the ones already made.
useHostSha256(contentSha256);

export const targets: readonly Target[] = [captureTarget, envoyTarget, kubernetesTarget, istioTarget];

/** What `meshc serve` sends a sidecar, from the Envoy target's own constructors (never a second translation). */
export { accountSpiffeId, clusterLoadAssignment, type EndpointSpec, type ResolvedEndpoint, sidecarResources, type SidecarResources, spiffeId, type XdsShape } from "../targets/envoy";
export { servicesRead } from "../targets/envoy/scope";
export { MESHC_NAMESPACE, XDS_PORT, XDS_SERVICE_ACCOUNT } from "../targets/sidecar-layout";

/** `meshc inject`'s pure part: the kubernetes target's sidecar added to a team's own Deployments. */
export { injectSidecars } from "../targets/kubernetes/inject";
export type { InjectFinding, InjectResult } from "../targets/kubernetes/inject";

/** Where each sidecar's Envoy files live (docs/sidecar-layout.md): `meshc diff` names sidecars by it. */
export { envoyFolder, LDS_FILE } from "../targets/sidecar-layout";
