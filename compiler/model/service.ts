import type { CaptureModel } from "./capture";
import type { OverloadModel, RateLimitModel } from "./resilience";
import type { RouteModel } from "./route";

export type Protocol = "http" | "http2" | "grpc" | "tcp" | "tls";

export interface PortModel {
  /** The author's port name (also the Kubernetes port name). */
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface AccessModel {
  /** Service names allowed to call; null means every service of the mesh. Sorted. */
  readonly allowFrom: readonly string[] | null;
  readonly mtls: "strict" | "permissive" | "disable";
}

export interface ProbeModel {
  readonly port: number;
  readonly path: string;
}

export interface ServiceModel {
  readonly name: string;
  readonly namespace: string;
  /** Cluster-local DNS name: `<name>.<namespace>.svc.cluster.local`. */
  readonly host: string;
  /** Sorted by port number. */
  readonly ports: readonly PortModel[];
  /** In declaration order; the first is the default version. */
  readonly versions: readonly string[];
  /** Ordered; the last one always matches every request (an implicit one is appended if needed). */
  readonly routes: readonly RouteModel[];
  readonly overload: OverloadModel;
  readonly rateLimit: RateLimitModel | null;
  readonly access: AccessModel;
  /** Names of called services, sorted and de-duplicated. */
  readonly calls: readonly string[];
  /**
   * "zone": callers prefer endpoints in their own zone and fail over to the others in mesh order. A zone-failover
   * service always has `overload.outlier`: ejection is what turns a failing zone unhealthy.
   */
  readonly failover: "zone" | "none";
  readonly capture: CaptureModel;
  readonly probes: ProbeModel | null;
  readonly replicas: number;
  /** Image per version, `{version}` already substituted. Keyed by version. */
  readonly images: Readonly<Record<string, string>>;
}
