import { KIND } from "./brand";
import type { CaptureOptions } from "./capture";
import type { Duration, Percent } from "./duration";
import type { Ports } from "./port";
import type { ServiceRef, ServiceRefs } from "./registry";
import type { RouteTests } from "./route-test";
import type { Overload, Retries } from "./resilience";
import type { MtlsMode } from "./security";
import type { Service } from "./service";
import type { Telemetry } from "./telemetry";

/** IP families the mesh runs on. IPv6-only meshes never get an IPv4 listener, rule or DNS lookup. */
export type IpFamily = "ipv4" | "ipv6" | "dual";

/** Mesh-wide defaults every service inherits. */
export interface Defaults {
  /** @default "strict" */
  readonly mtls?: MtlsMode;
  /** Request timeout, retries included; "0s" means no timeout (as in Envoy and Istio). @default "3s" */
  readonly timeout?: Duration;
  /** @default { attempts: 2, on: ["connect-failure", "refused-stream", "reset", "unavailable"] } */
  readonly retries?: Retries | false;
  /** @default { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 } */
  readonly overload?: Overload;
}

/**
 * A host outside the mesh that services may call (egress). The key is the host: an RFC 1123 DNS name (no
 * wildcard, no trailing dot, not an IP address and not a name of a mesh service), compared case-insensitively.
 * @example { "pay.example.com": { ports: { https: 443 } } }
 */
export interface External {
  /** Named ports (protocol from the name, as for services). */
  readonly ports: Ports;
  /** Fixed addresses instead of DNS. @default resolved by DNS */
  readonly addresses?: readonly string[];
}

/**
 * A fault-injection drill. Off unless the build names it (`meshc build --drill NAME`), then injected by the
 * sidecars of the target's callers that run in its zones.
 * @example { target: svc.inventory, delay: { fixed: "2s", percent: 50 }, zones: ["cn-bj2-03"] }
 */
export interface Drill<Z extends string> {
  /** The service whose callers see the fault. */
  readonly target: ServiceRef;
  /** Only requests from these services. @default every caller */
  readonly from?: ServiceRefs;
  /** Added latency (above 0). */
  readonly delay?: { readonly fixed: Duration; readonly percent?: Percent };
  /** Aborted requests with this HTTP status. */
  readonly abort?: { readonly status: number; readonly percent?: Percent };
  /**
   * The zones of the **callers** whose requests get the fault, not of the target: faults are injected in the
   * calling sidecar, before Envoy picks an endpoint. A caller in one of these zones sees the fault on every request
   * to the target, including those that fail over to the target's pods in another zone; a caller elsewhere never
   * does, even when its requests fail over to the target's pods in these zones. (Envoy cannot scope a caller-side
   * fault to the zone of the endpoint it later picks; docs/zones.md.)
   * @default every zone
   */
  readonly zones?: readonly Z[];
}

/** What `services` accepts: services, team modules (`import * as shop`), or lists of them. */
export type ServiceSource = Service | { readonly [name: string]: unknown } | readonly ServiceSource[];

/** The whole mesh. */
export interface MeshSpec<Z extends string, T extends readonly ServiceRef[] = readonly ServiceRef[]> {
  /** The mesh's name (a DNS-1123 label). */
  readonly name: string;
  /** IP families of the pods. */
  readonly ipFamily: IpFamily;
  /** Availability zones (Kubernetes `topology.kubernetes.io/zone` values). */
  readonly zones: readonly Z[];
  /** Mesh-wide defaults. @default see {@link Defaults} */
  readonly defaults?: Defaults;
  /** @default access logs as JSON, Prometheus metrics, no tracing */
  readonly telemetry?: Telemetry;
  /** Every service: team modules, services or lists of them. */
  readonly services: readonly ServiceSource[];
  /** Hosts outside the mesh that services may reach. @default {} */
  readonly external?: Readonly<Record<string, External>>;
  /** Egress to unknown hosts: "registry-only" blocks it, "allow-any" passes it through. @default "registry-only" */
  readonly outbound?: "registry-only" | "allow-any";
  /** Mesh-wide traffic capture options. @default see {@link CaptureOptions} */
  readonly capture?: CaptureOptions;
  /** Fault-injection drills by name. @default {} */
  readonly drills?: Readonly<Record<string, Drill<NoInfer<Z>>>>;
  /** Routing tests evaluated at compile time (see {@link RouteTest}). @default [] */
  readonly tests?: RouteTests<T>;
}

/** A defined mesh, as returned by {@link defineMesh}; the policy's default export. */
export interface Mesh {
  readonly [KIND]: "mesh";
  readonly spec: MeshSpec<string>;
}

/**
 * Defines the mesh; export it as the root file's default.
 * @example export default defineMesh({ name: "uaek", ipFamily: "ipv6", zones: ["z1"], services: [shop] });
 */
export function defineMesh<const Z extends string, const T extends readonly ServiceRef[] = []>(spec: MeshSpec<Z, T>): Mesh {
  return { [KIND]: "mesh", spec: spec as MeshSpec<string> };
}


