// Identity: a Namespace per namespace the services use, and a ServiceAccount per service. The ServiceAccount is
// the mTLS identity (spiffe://cluster.local/ns/<namespace>/sa/<service>) that callees' RBAC filters name.
import type { MeshModel, ServiceModel } from "../../compiler/model";
import type { INamespace, IServiceAccount } from "./k8s-types";
import { managedLabels, serviceLabels } from "./labels";

export function namespace(mesh: MeshModel, name: string): INamespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: managedLabels(mesh) } };
}

export function serviceAccount(mesh: MeshModel, service: ServiceModel): IServiceAccount {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: service.name, namespace: service.namespace, labels: serviceLabels(mesh, service) } };
}
