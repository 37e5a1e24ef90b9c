// Where each sidecar's generated files live, in the output folder and inside the pod: the contract between the
// targets that write them (envoy, capture), the ones that package and mount them (kubernetes), and the
// delivery side (meshc serve, infra/). docs/sidecar-layout.md explains the choices. Plain data, no imports.

/** The pod folder the Envoy config is mounted at; the bootstrap's watched directory. */
export const ENVOY_CONFIG_DIR = "/etc/meshc/envoy";
/** Workload certificates (SPIFFE X.509 SVIDs): cert-chain.pem, key.pem, root-cert.pem. */
export const CERT_DIR = "/etc/meshc/certs";
/**
 * The pod folder the capture files are mounted at, laid out as the build's `capture/` folder: the service's
 * files in `<dir>/<service>/` (the init container runs `sh <dir>/<service>/init.sh`) and the shared runtime
 * beside them, `<dir>/runtime.sh`, which each init.sh finds as `../runtime.sh`.
 */
export const CAPTURE_DIR = "/etc/meshc/capture";

export const BOOTSTRAP_FILE = "bootstrap.yaml";
export const LDS_FILE = "lds.yaml";
export const CDS_FILE = "cds.yaml";
/** The bootstrap of the xDS delivery mode: ADS from the zone's `meshc serve` instead of watched files. */
export const XDS_BOOTSTRAP_FILE = "bootstrap-xds.yaml";
export const CAPTURE_SCRIPT = "init.sh";
/** The capture runtime every init.sh sources (issue 19): one file per mesh, in the folder above the captureFolders. */
export const CAPTURE_RUNTIME = "runtime.sh";
const CAPTURE_ROOT = "capture";

/** The namespace of meshc's own workloads: each zone's `meshc serve` Deployment and Service. */
export const MESHC_NAMESPACE = "meshc-system";
/** The ServiceAccount of `meshc serve`; its SPIFFE ID is what sidecars accept as their xDS server. */
export const XDS_SERVICE_ACCOUNT = "meshc-xds";
/** The port `meshc serve` listens on (Istio's xDS port, so network policies written for one fit the other). */
export const XDS_PORT = 15010;

/**
 * The cluster-local DNS name of one zone's `meshc serve` Service. `serviceName` is the model's
 * `xdsServiceName(zone)` (a DNS-1123 label derived from the zone, since several zones may share a cluster).
 */
export function xdsServerHost(serviceName: string): string {
  return `${serviceName}.${MESHC_NAMESPACE}.svc.cluster.local`;
}
/** The proxy's uid and gid in the pod; capture never redirects this user's own traffic. */
export const PROXY_UID = 1337;
/**
 * The proxy's health port (DESIGN.md's reserved ports): serves READY_PATH, 200 once Envoy has loaded its
 * listeners and clusters (the admin interface's /ready, which itself stays on loopback). The kubelet probes it.
 */
export const HEALTH_PORT = 15021;
export const READY_PATH = "/healthz/ready";
/** Where Prometheus scrapes the proxy (/stats/prometheus), when the mesh's metrics are on. */
export const PROMETHEUS_PORT = 15090;

/** How sidecars get their listeners and clusters. */
export type Delivery = "files" | "xds";

/**
 * The output folder of one sidecar config: every file a pod of this (service, version, zone) mounts at
 * ENVOY_CONFIG_DIR. Versions share it (issue 19): a service's listeners and clusters are the same for all its
 * versions, and what tells the versions apart (node id, version metadata) is on Envoy's command line
 * (envoyArgs). `version` stays an argument so that callers name a pod's folder without knowing that.
 */
export function envoyFolder(service: string, _version: string, zone: string): string {
  return `envoy/${service}/${zone}`;
}

/**
 * The output folder of a workload's capture script and rules (mounted at CAPTURE_DIR). The capture reads the
 * service, never the version, so the versions share it; `version` stays an argument, as in envoyFolder.
 */
export function captureFolder(service: string, _version: string): string {
  return `${CAPTURE_ROOT}/${service}`;
}

/** The output path of the capture runtime: `capture/runtime.sh`, the parent of every captureFolder (a service name has no dot). */
export function captureRuntimePath(): string {
  return `${CAPTURE_ROOT}/${CAPTURE_RUNTIME}`;
}

/**
 * What makes `kubernetes/<zone>/` a kustomize root (issue 19): `kubectl apply -k kubernetes/<zone>` renders the
 * zone's object files (its `resources`) and generates the sidecar ConfigMaps (its `configMapGenerator`) from
 * the files below, so the Envoy and capture bytes are not embedded in YAML a second time.
 */
export const KUSTOMIZATION_FILE = "kustomization.yaml";

/**
 * Inside a zone's kustomize root: the folder holding the files one of a service's ConfigMaps is generated from,
 * `files/<service>/envoy` (the zone's envoyFolder, only the files the delivery mode mounts) and
 * `files/<service>/capture` (the captureFolder). Inside the root because kustomize's default load restrictor
 * refuses files outside it; the same bytes as the envoy/ and capture/ artifacts, so the atomic write
 * hard-links them. A service name is a DNS-1123 label, so the path never leaves `files/`.
 */
export function generatorFolder(service: string, kind: "envoy" | "capture"): string {
  return `files/${service}/${kind}`;
}

/**
 * Inside a zone's kustomize root: the copy of the capture runtime that every namespace's runtime ConfigMap is
 * generated from, once per zone (`files/capture-runtime.sh`; a service name has no dot, so no service folder
 * is named so).
 */
export const RUNTIME_GENERATOR_FILE = "files/capture-runtime.sh";

/** Who one sidecar is: what the shared files leave to its command line. */
export interface SidecarIdentity {
  readonly service: string;
  readonly version: string;
  readonly namespace: string;
  readonly zone: string;
}

/** The node id of a sidecar: the key `meshc serve` and Envoy's admin interface know it by. */
export function sidecarNodeId(s: SidecarIdentity): string {
  return `${s.service}-${s.version}.${s.namespace}.${s.zone}`;
}

/**
 * The Envoy command line of a sidecar. Its folder's bootstrap names no service, version or zone (the same file
 * for the whole mesh; with xDS delivery, for the zone), so who the pod is comes from here:
 * - --service-node, --service-cluster, --service-zone set node.id, node.cluster and node.locality.zone; Envoy
 *   applies them after loading the bootstrap, over whatever it says (LocalInfoImpl).
 * - --config-yaml is merged into the bootstrap as protobuf MergeFrom: node.metadata is a Struct, whose entries
 *   are replaced by key, so it adds `namespace`, `service` and `version` beside the file's `mesh`.
 *   https://www.envoyproxy.io/docs/envoy/latest/operations/cli#cmdoption-config-yaml
 * The values are DNS-1123 labels checked by the compiler, and every flag and value is its own argv entry (no
 * shell). The YAML is written as JSON: a version like `1` or `on` must stay a string, not YAML 1.1's number
 * or boolean.
 */
export function envoyArgs(delivery: Delivery, sidecar: SidecarIdentity): string[] {
  return [
    "-c", `${ENVOY_CONFIG_DIR}/${delivery === "xds" ? XDS_BOOTSTRAP_FILE : BOOTSTRAP_FILE}`,
    "--service-node", sidecarNodeId(sidecar),
    "--service-cluster", sidecar.service,
    "--service-zone", sidecar.zone,
    "--config-yaml", JSON.stringify({ node: { metadata: { namespace: sidecar.namespace, service: sidecar.service, version: sidecar.version } } }),
    "--log-level", "warn",
    "--drain-strategy", "immediate",
  ];
}
