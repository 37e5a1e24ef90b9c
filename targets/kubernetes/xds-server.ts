// The xds delivery's control plane: per zone, a `meshc serve` Deployment and the Service its sidecars' ADS
// cluster names (bootstrap-xds.yaml: xdsServerHost(xdsServiceName(zone)) on XDS_PORT), in MESHC_NAMESPACE, run
// as the ServiceAccount whose SPIFFE ID the sidecars require of their server (XDS_SERVICE_ACCOUNT).
//
// The policy reaches the pod inside its image (docs/serve.md "In a cluster"): the user builds an image of
// meshc with the policy folder in it, and names it and the entry's path in it at build time
// (`meshc build --delivery xds --xds-image …`). A policy change is then a new image tag, a new pod template
// and a rolling update of the server alone; the sidecars keep their last config while their stream
// reconnects, and get the new one from the new server.
import { type MeshModel, toDnsLabel, xdsServiceName } from "../../compiler/model";
import { CERT_DIR, MESHC_NAMESPACE, XDS_PORT, XDS_SERVICE_ACCOUNT } from "../sidecar-layout";
import type { XdsServerImage } from "../target";
import { certificateVolume } from "./certificates";
import type { IDeployment, INamespace, IRole, IRoleBinding, IService, IServiceAccount, KubernetesObject } from "./k8s-types";
import { APP_LABEL, managedLabels, TOPOLOGY_ZONE, ZONE_LABEL } from "./labels";
import { ipFamilies } from "./service";

/** The file of a zone's xds objects, beside the services' files. */
export const XDS_SERVER_FILE = "meshc-xds.yaml";
const CONTAINER = "meshc-serve";
const CERT_VOLUME = "meshc-certs";
/** meshc runs TypeScript through tsx, which keeps its compile cache under the temporary folder. */
const TMP_VOLUME = "meshc-tmp";
const TMP_DIR = "/tmp";
const PORT_NAME = "grpc-xds";
/** Two, so a rollout or a lost node leaves the zone a server: sidecars starting meanwhile still get config. */
const REPLICAS = 2;
const REQUESTS = { cpu: "500m", memory: "1Gi" };
/** The image's user: not root, and not the proxy's uid 1337, whose traffic capture never redirects. */
const SERVER_UID = 1000;
/** A zone's server builds every sidecar config before it listens (compiler/serve/snapshot.ts warm()). */
const READINESS_PERIOD_S = 5;

function labels(mesh: MeshModel, zone?: string): Record<string, string> {
  return { ...managedLabels(mesh), [APP_LABEL]: XDS_SERVICE_ACCOUNT, ...(zone !== undefined ? { [ZONE_LABEL]: zone } : {}) };
}

function selector(zone: string): Record<string, string> {
  return { [APP_LABEL]: XDS_SERVICE_ACCOUNT, [ZONE_LABEL]: zone };
}

/** The csi-driver-spiffe volume requests the server's certificate as its ServiceAccount, which must be allowed to. */
function certificateRbac(mesh: MeshModel): [IRole, IRoleBinding] {
  const name = toDnsLabel(XDS_SERVICE_ACCOUNT, "meshc-certificates");
  const metadata = { name, namespace: MESHC_NAMESPACE, labels: labels(mesh) };
  return [
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata, rules: [{ apiGroups: ["cert-manager.io"], resources: ["certificaterequests"], verbs: ["create"] }] },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name }, subjects: [{ kind: "ServiceAccount", name: XDS_SERVICE_ACCOUNT, namespace: MESHC_NAMESPACE }] },
  ];
}

/**
 * Client certificates are required (and prove each node's workload) when the sidecars speak mTLS to the
 * server: bootstrap-xds.yaml does so for every service whose mTLS is on. One port cannot ask for certificates
 * from some clients only, so a mesh where no service uses mTLS gets a plaintext server.
 */
function usesTls(mesh: MeshModel): boolean {
  return mesh.services.some((s) => s.access.mtls !== "disable");
}

function serverDeployment(mesh: MeshModel, zone: string, server: XdsServerImage): IDeployment {
  const tls = usesTls(mesh);
  // The policy was type-checked by the `meshc build` that wrote this file: the server skips the type check.
  const args = ["serve", server.entry, "--zone", zone, "--listen", `[::]:${XDS_PORT}`, "--checker", "none", ...(tls ? ["--tls-dir", CERT_DIR] : [])];
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: xdsServiceName(zone), namespace: MESHC_NAMESPACE, labels: labels(mesh, zone) },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: selector(zone) },
      template: {
        metadata: { labels: labels(mesh, zone) },
        spec: {
          serviceAccountName: XDS_SERVICE_ACCOUNT,
          nodeSelector: { [TOPOLOGY_ZONE]: zone },
          containers: [
            {
              name: CONTAINER,
              image: server.image,
              command: ["meshc"],
              args,
              ports: [{ name: PORT_NAME, containerPort: XDS_PORT, protocol: "TCP" }],
              readinessProbe: { tcpSocket: { port: XDS_PORT }, periodSeconds: READINESS_PERIOD_S },
              resources: { requests: REQUESTS },
              securityContext: { runAsUser: SERVER_UID, runAsGroup: SERVER_UID, runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [{ name: TMP_VOLUME, mountPath: TMP_DIR }, ...(tls ? [{ name: CERT_VOLUME, mountPath: CERT_DIR, readOnly: true }] : [])],
            },
          ],
          volumes: [{ name: TMP_VOLUME, emptyDir: {} }, ...(tls ? [certificateVolume(CERT_VOLUME, SERVER_UID)] : [])],
        },
      },
    },
  };
}

function serverService(mesh: MeshModel, zone: string): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: xdsServiceName(zone), namespace: MESHC_NAMESPACE, labels: labels(mesh, zone) },
    spec: { type: "ClusterIP", selector: selector(zone), ports: [{ name: PORT_NAME, port: XDS_PORT, targetPort: XDS_PORT, protocol: "TCP" }], ...ipFamilies(mesh) },
  };
}

/** Everything the xds delivery runs in one zone, in MESHC_NAMESPACE. */
export function xdsServerObjects(mesh: MeshModel, zone: string, server: XdsServerImage): KubernetesObject[] {
  const namespace: INamespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: MESHC_NAMESPACE, labels: managedLabels(mesh) } };
  const account: IServiceAccount = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: XDS_SERVICE_ACCOUNT, namespace: MESHC_NAMESPACE, labels: labels(mesh) } };
  return [namespace, account, ...certificateRbac(mesh), serverService(mesh, zone), serverDeployment(mesh, zone, server)];
}
