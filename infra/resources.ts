// One typed Pulumi resource per Kubernetes object: the built-in kinds through their own classes (their await
// logic knows when a Deployment is ready), Istio's kinds as CustomResources. Not yaml.ConfigGroup: its children
// are invisible to Pulumi's mocks and to `pulumi preview`'s per-object diff.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { KubeObject } from "./output-objects";

type Make = (name: string, object: KubeObject, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The build's objects already passed the Kubernetes schema in `meshc build`; here they are only re-typed. */
const as = <T>(object: KubeObject): T => object as unknown as T;

/** Istio's API groups: their objects are CustomResources of the CRDs Istio installs. */
const ISTIO_GROUPS = ["networking.istio.io/", "security.istio.io/", "telemetry.istio.io/"];

const builtIn: Readonly<Record<string, Make>> = {
  "v1/Namespace": (n, o, opts) => new k8s.core.v1.Namespace(n, as<k8s.core.v1.NamespaceArgs>(o), opts),
  "v1/ServiceAccount": (n, o, opts) => new k8s.core.v1.ServiceAccount(n, as<k8s.core.v1.ServiceAccountArgs>(o), opts),
  "v1/ConfigMap": (n, o, opts) => new k8s.core.v1.ConfigMap(n, as<k8s.core.v1.ConfigMapArgs>(o), opts),
  "v1/Service": (n, o, opts) => new k8s.core.v1.Service(n, as<k8s.core.v1.ServiceArgs>(o), opts),
  "apps/v1/Deployment": (n, o, opts) => new k8s.apps.v1.Deployment(n, as<k8s.apps.v1.DeploymentArgs>(o), opts),
  "rbac.authorization.k8s.io/v1/Role": (n, o, opts) => new k8s.rbac.v1.Role(n, as<k8s.rbac.v1.RoleArgs>(o), opts),
  "rbac.authorization.k8s.io/v1/RoleBinding": (n, o, opts) => new k8s.rbac.v1.RoleBinding(n, as<k8s.rbac.v1.RoleBindingArgs>(o), opts),
};

/** Adds the provider's await condition (pulumi.com/waitFor, @pulumi/kubernetes ≥ 4.18) to the object. */
function withWaitFor(object: KubeObject, waitFor: string | undefined): KubeObject {
  if (!waitFor) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, "pulumi.com/waitFor": waitFor } } };
}

export function kubeResource(name: string, object: KubeObject, opts: pulumi.CustomResourceOptions, waitFor?: string): pulumi.CustomResource {
  const make = builtIn[`${object.apiVersion}/${object.kind}`];
  const desired = withWaitFor(object, waitFor);
  if (make) return make(name, desired, opts);
  if (ISTIO_GROUPS.some((g) => object.apiVersion.startsWith(g))) return new k8s.apiextensions.CustomResource(name, desired as unknown as k8s.apiextensions.CustomResourceArgs, opts);
  throw new Error(`meshc's program does not deploy ${object.apiVersion} ${object.kind} (${object.metadata.name})`);
}
