// The mesh model: the single intermediate representation between the policy and every target.
// Readonly, JSON-serialisable plain data. Every default is applied, every reference resolved, every
// duration in milliseconds, every list in its final order. Targets read this and nothing else.
import type { CaptureModel } from "./capture";
import type { DrillModel } from "./drill";
import type { ExternalModel } from "./external";
import type { ProxyModel } from "./proxy";
import type { ServiceModel } from "./service";
import type { TelemetryModel } from "./telemetry";
import type { RouteTestModel } from "./route-test";

/** An IP family a pod uses. */
export type Family = "ipv4" | "ipv6";

export interface MeshModel {
  /** Bumped whenever the shape changes incompatibly; the output format's contract. */
  readonly schemaVersion: 1;
  readonly name: string;
  readonly ipFamily: "ipv4" | "ipv6" | "dual";
  /** The families in use, IPv6 first when dual (IPv6 is the first-class case). */
  readonly families: readonly Family[];
  /** Zones in declaration order: the order is the failover preference when nothing closer exists. */
  readonly zones: readonly string[];
  readonly outbound: "registry-only" | "allow-any";
  readonly telemetry: TelemetryModel;
  /** Sorted by name. */
  readonly services: readonly ServiceModel[];
  /** Sorted by host. */
  readonly externals: readonly ExternalModel[];
  /** Sorted by name. Targets activate only those a build names. */
  readonly drills: readonly DrillModel[];
  /** In declaration order. */
  readonly tests: readonly RouteTestModel[];
  /** The mesh-wide capture defaults, as resolved (services hold their own merged copy). */
  readonly capture: CaptureModel;
  /** The sidecar's images and resource requests (what the kubernetes target puts in every pod). */
  readonly proxy: ProxyModel;
}
