// Workload certificates: SPIFFE X.509 SVIDs from cert-manager's csi-driver-spiffe, never in a manifest. The
// driver generates each pod's key on the node, requests a certificate for the pod's ServiceAccount
// (spiffe://<trust domain>/ns/<namespace>/sa/<service>) by impersonating it, and renews it before expiry.
// It must be installed with meshc's file names and trust domain (README "Deploying"):
//   app.trustDomain=cluster.local, app.driver.volumeFileName.{cert,key,ca}=cert-chain.pem,key.pem,root-cert.pem,
//   and app.driver.sourceCABundle set, so that root-cert.pem is written.
// https://cert-manager.io/docs/usage/csi-driver-spiffe/
import { type MeshModel, type ServiceModel, toDnsLabel } from "../../compiler/model";
import { PROXY_UID } from "../sidecar-layout";
import type { IRole, IRoleBinding, IVolume } from "./k8s-types";
import { serviceLabels } from "./labels";

export const CSI_DRIVER = "spiffe.csi.cert-manager.io";
/** The volume's files are owned by this group, so the proxy (gid 1337) can read its key. */
const FS_GROUP_ATTRIBUTE = "spiffe.csi.cert-manager.io/fs-group";

/** `group` may read the key: the proxy's, or the container's that uses the certificate. */
export function certificateVolume(name: string, group: number = PROXY_UID): IVolume {
  return { name, csi: { driver: CSI_DRIVER, readOnly: true, volumeAttributes: { [FS_GROUP_ATTRIBUTE]: String(group) } } };
}

/** The driver creates the pod's CertificateRequest as the pod's ServiceAccount, which must be allowed to. */
function roleName(service: ServiceModel): string {
  return toDnsLabel(service.name, "meshc-certificates");
}

export function certificateRole(mesh: MeshModel, service: ServiceModel): IRole {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: roleName(service), namespace: service.namespace, labels: serviceLabels(mesh, service) },
    rules: [{ apiGroups: ["cert-manager.io"], resources: ["certificaterequests"], verbs: ["create"] }],
  };
}

export function certificateRoleBinding(mesh: MeshModel, service: ServiceModel): IRoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: roleName(service), namespace: service.namespace, labels: serviceLabels(mesh, service) },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName(service) },
    subjects: [{ kind: "ServiceAccount", name: service.name, namespace: service.namespace }],
  };
}
