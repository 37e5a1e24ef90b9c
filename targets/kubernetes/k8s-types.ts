// The Kubernetes object types meshc writes, from kubernetes-models (generated from the OpenAPI schema of the
// Kubernetes release compiler/validate/kubernetes pins). Types only: they make a misspelled or unknown field a
// compile error in this folder, which the OpenAPI schema itself cannot catch (it allows unknown fields; the API
// server drops or rejects them). `resolution-mode` because the package is ESM-only and meshc is CommonJS.
export type { IConfigMap } from "kubernetes-models/v1/ConfigMap" with { "resolution-mode": "import" };
export type { IContainer } from "kubernetes-models/v1/Container" with { "resolution-mode": "import" };
export type { INamespace } from "kubernetes-models/v1/Namespace" with { "resolution-mode": "import" };
export type { IPodSpec } from "kubernetes-models/v1/PodSpec" with { "resolution-mode": "import" };
export type { IProbe } from "kubernetes-models/v1/Probe" with { "resolution-mode": "import" };
export type { IService } from "kubernetes-models/v1/Service" with { "resolution-mode": "import" };
export type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount" with { "resolution-mode": "import" };
export type { IVolume } from "kubernetes-models/v1/Volume" with { "resolution-mode": "import" };
export type { IDeployment } from "kubernetes-models/apps/v1/Deployment" with { "resolution-mode": "import" };
export type { IRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role" with { "resolution-mode": "import" };
export type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding" with { "resolution-mode": "import" };

/** What every object meshc writes has: apiVersion, kind and metadata. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
}
