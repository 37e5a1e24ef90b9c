// meshc's own namespace in each cluster: the rollout records live there (and, with xDS delivery, each zone's
// `meshc serve`). The kubernetes target writes the same Namespace when it deploys meshc's own workloads; the
// plan adds it only when the build has none.
import { MESHC_NAMESPACE } from "../compiler/api";
import { APPLY_WAVE, type KubeObject } from "./output-objects";

export function meshcNamespace(): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: MESHC_NAMESPACE, labels: { "app.kubernetes.io/managed-by": "meshc" }, annotations: { [APPLY_WAVE]: "0", "argocd.argoproj.io/sync-wave": "0" } } };
}
