// The one place the compiler learns which targets exist (DESIGN.md: compiler imports targets only here).
import { captureTarget } from "../targets/capture";
import { envoyTarget } from "../targets/envoy";
import { kubernetesTarget } from "../targets/kubernetes";
import type { Target } from "../targets/target";

export const targets: readonly Target[] = [captureTarget, envoyTarget, kubernetesTarget];

/** `meshc inject`'s pure part: the kubernetes target's sidecar added to a team's own Deployments. */
export { injectSidecars } from "../targets/kubernetes/inject";
export type { InjectFinding, InjectResult } from "../targets/kubernetes/inject";
