// Where the sidecar lives in the pod: its reserved ports (DESIGN.md: "Reserved sidecar ports") and the folder
// the kubernetes target mounts the Envoy config into. Defined once; every other file reads them from here.

/** Envoy's admin interface, bound to loopback only. */
export const ADMIN_PORT = 15000;
/** The outbound capture port: iptables/nftables redirect the app's outgoing connections here. */
export const OUTBOUND_CAPTURE_PORT = 15001;
/** The inbound capture port: connections to the app's ports are redirected here. */
export const INBOUND_CAPTURE_PORT = 15006;
/** Prometheus scrapes /stats/prometheus here (the admin port itself stays on loopback). */
export const PROMETHEUS_PORT = 15090;

/**
 * The mounted folder (a ConfigMap volume) holding bootstrap.yaml, lds.yaml and cds.yaml. Kubernetes updates a
 * ConfigMap volume by swapping its `..data` symlink, a move inside this folder: Envoy's `watched_directory`
 * reloads LDS/CDS on exactly that, so a policy change applies without restarting the pod.
 */
export { CERT_DIR, ENVOY_CONFIG_DIR as CONFIG_DIR } from "../sidecar-layout";
/** The SPIFFE trust domain of workload identities: spiffe://<trust domain>/ns/<namespace>/sa/<service>. */
export const TRUST_DOMAIN = "cluster.local";
