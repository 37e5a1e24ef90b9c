// Where each sidecar's generated files live, in the output folder and inside the pod: the contract between the
// targets that write them (envoy, capture), the ones that package and mount them (kubernetes), and the
// delivery side (meshc serve, infra/). docs/sidecar-layout.md explains the choices. Plain data, no imports.

/** The pod folder the Envoy config is mounted at; the bootstrap's watched directory. */
export const ENVOY_CONFIG_DIR = "/etc/meshc/envoy";
/** Workload certificates (SPIFFE X.509 SVIDs): cert-chain.pem, key.pem, root-cert.pem. */
export const CERT_DIR = "/etc/meshc/certs";
/** The pod folder the capture script is mounted at (the init container runs `sh <dir>/init.sh`). */
export const CAPTURE_DIR = "/etc/meshc/capture";

export const BOOTSTRAP_FILE = "bootstrap.yaml";
export const LDS_FILE = "lds.yaml";
export const CDS_FILE = "cds.yaml";
/** The bootstrap of the xDS delivery mode: ADS from the zone's `meshc serve` instead of watched files. */
export const XDS_BOOTSTRAP_FILE = "bootstrap-xds.yaml";
export const CAPTURE_SCRIPT = "init.sh";

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

/** How sidecars get their listeners and clusters. */
export type Delivery = "files" | "xds";

/**
 * The output folder of one sidecar config: every file a pod of this (service, version, zone) mounts at
 * ENVOY_CONFIG_DIR. Today one folder per workload and zone; issue 19 may make versions share a folder, and
 * then only this function changes.
 */
export function envoyFolder(service: string, version: string, zone: string): string {
  return `envoy/${service}-${version}/${zone}`;
}

/** The output folder of one workload's capture script and rules (mounted at CAPTURE_DIR). */
export function captureFolder(service: string, version: string): string {
  return `capture/${service}-${version}`;
}

/**
 * The Envoy command line of a sidecar of (service, version, zone). Whatever the bootstrap leaves to the pod
 * (its node id, today) is passed here, so the files a pod mounts can be shared by every pod they fit.
 * `$(POD_NAME)` is expanded by the kubelet from the container's env (the Downward API).
 */
export function envoyArgs(delivery: Delivery): string[] {
  return ["-c", `${ENVOY_CONFIG_DIR}/${delivery === "xds" ? XDS_BOOTSTRAP_FILE : BOOTSTRAP_FILE}`, "--log-level", "warn", "--drain-strategy", "immediate"];
}
