// Small mesh models for the capture tests, built directly (no policy file): one service per case, with the
// capture options spelled as the model holds them (sorted, canonical, split by family).
import type { CaptureModel, Family, MeshModel, ServiceModel } from "../../compiler/model";
import { DEFAULT_CAPTURE } from "../../compiler/normalize/capture";

/** What normalize gives a zone-failover service that names no ejection (the model's invariant). */
const FAILOVER_EJECTION = { consecutive5xx: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 100, panicThresholdPercent: 50 };

export type IpFamily = MeshModel["ipFamily"];

// The normalizer's own defaults: what a policy without capture options gets.
export const NO_CAPTURE_OPTIONS: CaptureModel = DEFAULT_CAPTURE;

export function familiesOf(ipFamily: IpFamily): Family[] {
  return ipFamily === "dual" ? ["ipv6", "ipv4"] : [ipFamily];
}

export function serviceModel(name: string, capture: Partial<CaptureModel> = {}, extra: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name,
    namespace: "shop",
    host: `${name}.shop.svc.cluster.local`,
    ports: [{ name: "http", port: 8080, protocol: "http" }],
    versions: ["v1"],
    routes: [],
    overload: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3, connectTimeoutMs: 1000, outlier: FAILOVER_EJECTION },
    rateLimit: null,
    access: { allowFrom: null, mtls: "strict" },
    calls: [],
    failover: "zone",
    capture: { ...NO_CAPTURE_OPTIONS, ...capture },
    probes: null,
    replicas: 1,
    images: { v1: `${name}:v1` },
    ...extra,
  };
}

export function meshModel(ipFamily: IpFamily, services: readonly ServiceModel[], capture: Partial<CaptureModel> = {}): MeshModel {
  return {
    schemaVersion: 1,
    name: "test",
    ipFamily,
    families: familiesOf(ipFamily),
    zones: ["z1"],
    outbound: "registry-only",
    telemetry: { tracing: null, accessLog: "off", metrics: "off" },
    services: [...services].sort((a, b) => (a.name < b.name ? -1 : 1)),
    externals: [],
    drills: [],
    tests: [],
    capture: { ...NO_CAPTURE_OPTIONS, ...capture },
  };
}

/** The options the kernel tests exercise: one excluded port and CIDR per direction and family, a probe port. */
export function kernelCapture(mode: CaptureModel["mode"], backend: CaptureModel["backend"] = "detect"): Partial<CaptureModel> {
  return {
    mode,
    backend,
    excludeInboundPorts: [9000],
    excludeOutboundPorts: [5432],
    excludeOutboundCidrs: { ipv4: ["10.200.0.3/32"], ipv6: ["fd00:200::3/128"] },
    dns: true,
  };
}
