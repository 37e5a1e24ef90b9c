import { KIND } from "./brand";
import type { CaptureOptions } from "./capture";
import type { Duration, Percent } from "./duration";
import type { HttpMethod } from "./match";
import type { Ports } from "./port";
import type { Proxy } from "./proxy";
import type { ServiceRef, ServiceRefs } from "./registry";
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
  /** @default "3s" */
  readonly timeout?: Duration;
  /** @default { attempts: 2, on: ["connect-failure", "refused-stream", "reset", "unavailable"] } */
  readonly retries?: Retries | false;
  /** @default { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 } */
  readonly overload?: Overload;
}

/**
 * A host outside the mesh that services may call (egress).
 * @example { "pay.example.com": { ports: { https: 443 } } }
 */
export interface External {
  /** Named ports (protocol from the name, as for services). */
  readonly ports: Ports;
  /** Fixed addresses instead of DNS. @default resolved by DNS */
  readonly addresses?: readonly string[];
}

/**
 * A fault-injection drill. Off unless the build names it (`meshc build --drill NAME`), then active
 * only in its zones.
 * @example { target: svc.inventory, delay: { fixed: "2s", percent: 50 }, zones: ["cn-bj2-03"] }
 */
export interface Drill<Z extends string> {
  /** The service whose callers see the fault. */
  readonly target: ServiceRef;
  /** Only requests from these services. @default every caller */
  readonly from?: ServiceRefs;
  /** Added latency. */
  readonly delay?: { readonly fixed: Duration; readonly percent?: Percent };
  /** Aborted requests with this HTTP status. */
  readonly abort?: { readonly status: number; readonly percent?: Percent };
  /** Zones where the drill is active. @default every zone */
  readonly zones?: readonly Z[];
}

/** A request the routing test sends through the mesh model. */
export interface TestRequest {
  /** The calling service. @default an anonymous caller */
  readonly from?: ServiceRef;
  /** The called service. */
  readonly to: ServiceRef;
  /** @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default "/" */
  readonly path?: string;
  /** @default "GET" */
  readonly method?: HttpMethod;
  /** @default {} */
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * A routing test, evaluated at compile time: the request must land on the expected version.
 * @example { request: { to: svc.orders, headers: { "x-account-id": "1001" } }, expect: { version: "v2" } }
 */
export interface RouteTest {
  /** @default "<from> → <to>" */
  readonly name?: string;
  readonly request: TestRequest;
  /** The version the request must reach; with weights, the version of the largest weight must be it. */
  readonly expect: { readonly version: string };
}

/** What `services` accepts: services, team modules (`import * as shop`), or lists of them. */
export type ServiceSource = Service | { readonly [name: string]: unknown } | readonly ServiceSource[];

/** The whole mesh. */
export interface MeshSpec<Z extends string> {
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
  /** The sidecar's images and resource requests. @default see {@link Proxy} */
  readonly proxy?: Proxy;
  /** Fault-injection drills by name. @default {} */
  readonly drills?: Readonly<Record<string, Drill<NoInfer<Z>>>>;
  /** Routing tests evaluated at compile time. @default [] */
  readonly tests?: readonly RouteTest[];
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
export function defineMesh<const Z extends string>(spec: MeshSpec<Z>): Mesh {
  return { [KIND]: "mesh", spec: spec as MeshSpec<string> };
}


