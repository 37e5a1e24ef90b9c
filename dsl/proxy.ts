/**
 * Compute resources a container asks the scheduler for, as Kubernetes quantities.
 * @example { cpu: "100m", memory: "128Mi" }
 */
export interface ResourceRequests {
  /** CPU, e.g. "100m" (a tenth of a core) or "1". @default "100m" */
  readonly cpu?: string;
  /** Memory, e.g. "128Mi" or "1Gi". @default "128Mi" */
  readonly memory?: string;
}

/**
 * The sidecar meshc runs in every pod of the mesh: the Envoy proxy and the init container that installs the
 * traffic capture. Pin both images by digest (`name:tag@sha256:…`), so that a rebuild of the same policy runs
 * the same proxy everywhere; a changed image is a change to the policy, reviewed like any other.
 * @example { image: "envoyproxy/envoy:v1.38.0@sha256:…", requests: { cpu: "200m", memory: "256Mi" } }
 */
export interface Proxy {
  /** The Envoy image (runs as uid/gid 1337). @default "envoyproxy/envoy:v1.38.0" */
  readonly image?: string;
  /**
   * The image of the capture init container, which runs the workload's generated `init.sh`: it needs `sh`,
   * `iptables`/`ip6tables` (legacy and nft variants), `nft`, and `ip` for TPROXY mode.
   * @default "istio/proxyv2:1.27.0"
   */
  readonly captureImage?: string;
  /** The Envoy container's resource requests. @default { cpu: "100m", memory: "128Mi" } */
  readonly requests?: ResourceRequests;
}
