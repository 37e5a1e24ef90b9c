/** The sidecar every pod runs, as resolved: images and the proxy container's resource requests. */
export interface ProxyModel {
  /** The Envoy image reference, as the author wrote it (pinned by digest or not). */
  readonly image: string;
  /** The image of the capture init container. */
  readonly captureImage: string;
  /** Kubernetes quantities, checked by normalize. */
  readonly requests: { readonly cpu: string; readonly memory: string };
}
