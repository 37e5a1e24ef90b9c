// The one place the compiler learns which targets exist (DESIGN.md: compiler imports targets only here).
import { captureTarget } from "../targets/capture";
import { envoyTarget } from "../targets/envoy";
import { istioTarget } from "../targets/istio";
import type { Target } from "../targets/target";

export const targets: readonly Target[] = [captureTarget, envoyTarget, istioTarget];
