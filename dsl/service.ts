import { KIND } from "./brand";
import type { CaptureOptions } from "./capture";
import type { Duration } from "./duration";
import type { Ports } from "./port";
import type { ServiceRef, ServiceRefs } from "./registry";
import type { Overload, RateLimit, Retries } from "./resilience";
import type { Route } from "./route";
import type { Access } from "./security";

/** Kubelet health probes: the probe port is never captured, so probes reach the app directly. */
export interface Probes {
  /** The app's health-check port. */
  readonly port: number;
  /** HTTP path of the readiness check (starts with '/'). @default "/healthz" */
  readonly path?: string;
}

/**
 * Everything about one service. Versions are inferred from `versions`, so `to` in a route can only
 * name a version the service declares.
 */
export interface ServiceSpec<V extends string> {
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Named ports. A service that others call needs at least one. */
  readonly ports: Ports;
  /** Versions deployed side by side (each is a workload). @default ["v1"] */
  readonly versions?: readonly V[];
  /** Ordered routes for traffic to this service. @default all traffic to the first version */
  readonly routes?: readonly Route<NoInfer<V>>[];
  /** Request timeout, retries included; "0s" means no timeout. @default the mesh default ("3s" unless set) */
  readonly timeout?: Duration;
  /** Retries; `false` disables them. @default the mesh default */
  readonly retries?: Retries | false;
  /** Overload protection for callers of this service. @default the mesh default */
  readonly overload?: Overload;
  /** Local rate limit on inbound requests. @default none */
  readonly rateLimit?: RateLimit;
  /** Who may call this service. @default every service of the mesh */
  readonly access?: Access;
  /** Services this one calls: its sidecar gets routes and clusters for these only. @default [] */
  readonly calls?: ServiceRefs;
  /**
   * "zone": callers prefer endpoints in their own zone and fail over to the other zones in the mesh's order, zone
   * by zone, as the closer zone's hosts are ejected (`overload.eject`, on by default for this reason: without it
   * a zone whose pods stay ready but fail every request would keep its traffic). A zone keeps all its traffic
   * while at least 72 % of its hosts are healthy (Envoy's overprovisioning factor). "none": every zone alike.
   * @default "zone"
   */
  readonly failover?: "zone" | "none";
  /** Traffic capture for this service's pods. @default the mesh's capture options */
  readonly capture?: CaptureOptions;
  /** Kubelet health probes. @default none */
  readonly probes?: Probes;
  /** Replicas per version and zone: 1 to 1000. @default 2 */
  readonly replicas?: number;
  /** Container image reference (`[registry/]repository[:tag][@digest]`); `{version}` is replaced by the version name. @default "<name>:{version}" */
  readonly image?: string;
}

/** A declared service, as returned by {@link service}. */
export interface Service<N extends string = string, V extends string = string> {
  readonly [KIND]: "service";
  readonly name: N;
  readonly spec: ServiceSpec<V>;
}

/**
 * Declares a service.
 * @param name a DNS-1123 label, unique in the mesh
 * @example export const orders = service("orders", { namespace: "shop", ports: { http: 8080 }, versions: ["v1", "v2"] });
 */
export function service<const N extends string, const V extends string = "v1">(
  name: N,
  spec: ServiceSpec<V>,
): Service<N, V> {
  return { [KIND]: "service", name, spec };
}

/** The reference type other services use for this one. */
export type RefOf<S> = S extends Service<infer N, infer V> ? ServiceRef<N, V> : never;
