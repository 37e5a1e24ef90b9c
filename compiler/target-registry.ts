// The one place the compiler learns which targets exist (DESIGN.md: compiler imports targets only here).
import { captureTarget } from "../targets/capture";
import { envoyTarget } from "../targets/envoy";
import type { Target } from "../targets/target";

export const targets: readonly Target[] = [captureTarget, envoyTarget];

/** Where each sidecar's Envoy files live (docs/sidecar-layout.md): `meshc diff` names sidecars by it. */
export { envoyFolder } from "../targets/sidecar-layout";
