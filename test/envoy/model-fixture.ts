// Small hand-built mesh models for the Envoy target's unit tests: exactly the fields a case needs, the rest
// the normalizer's defaults.
import type { CaptureModel, MeshModel, PortModel, RouteModel, ServiceModel } from "../../compiler/model";
import { DEFAULT_CAPTURE } from "../../compiler/normalize/capture";

/** What normalize gives a zone-failover service that names no ejection (the model's invariant). */
const FAILOVER_EJECTION = { consecutive5xx: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 100, panicThresholdPercent: 50 };

// The normalizer's own defaults, so the fixture cannot drift from what a policy without capture options gets.
const CAPTURE: CaptureModel = DEFAULT_CAPTURE;

export function defaultRoute(version = "v1", index = 0): RouteModel {
  return {
    name: "default",
    index,
    implicit: true,
    match: { headers: [], path: null, methods: [], query: [] },
    destinations: [{ version, weight: 100 }],
    timeoutMs: 3000,
    retries: { attempts: 2, perTryTimeoutMs: 1000, on: ["connect-failure", "reset"], backoffBaseMs: 25, backoffMaxMs: 250 },
    mirror: null,
  };
}

export function service(name: string, over: Partial<ServiceModel> = {}): ServiceModel {
  const namespace = over.namespace ?? "ns";
  const versions = over.versions ?? ["v1"];
  return {
    name,
    namespace,
    host: `${name}.${namespace}.svc.cluster.local`,
    ports: [{ name: "http", port: 8080, protocol: "http" } satisfies PortModel],
    versions,
    routes: [defaultRoute(versions[0])],
    overload: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3, connectTimeoutMs: 1000, outlier: FAILOVER_EJECTION },
    rateLimit: null,
    access: { allowFrom: null, mtls: "strict" },
    calls: [],
    failover: "zone",
    capture: CAPTURE,
    probes: null,
    replicas: 1,
    images: Object.fromEntries(versions.map((v) => [v, `${name}:${v}`])),
    ...over,
  };
}

export function mesh(over: Partial<MeshModel> & { services: ServiceModel[] }): MeshModel {
  const ipFamily = over.ipFamily ?? "ipv6";
  return {
    schemaVersion: 1,
    name: "m",
    ipFamily,
    families: ipFamily === "dual" ? ["ipv6", "ipv4"] : [ipFamily],
    zones: ["z1", "z2", "z3"],
    outbound: "registry-only",
    telemetry: { tracing: null, accessLog: "json", metrics: "prometheus" },
    externals: [],
    drills: [],
    tests: [],
    capture: CAPTURE,
    ...over,
    services: [...over.services].sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/** Two services, `a` calling `b` (and `c` present but not called), in the given family. */
export function twoServices(ipFamily: MeshModel["ipFamily"]): MeshModel {
  return mesh({
    ipFamily,
    services: [service("a", { calls: ["b"] }), service("b", { ports: [{ name: "grpc", port: 9090, protocol: "grpc" }] }), service("c")],
    telemetry: { tracing: { provider: "zipkin", host: "zipkin.obs", port: 9411, samplePercent: 1 }, accessLog: "text", metrics: "prometheus" },
  });
}
