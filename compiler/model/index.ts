// The mesh model's public types: the only thing targets may import from the compiler.
export type { CaptureModel } from "./capture";
export type { DrillModel } from "./drill";
export type { ExternalModel } from "./external";
export type { Family, MeshModel } from "./mesh";
export type { ProxyModel } from "./proxy";
export type { OutlierModel, OverloadModel, RateLimitModel } from "./resilience";
export type { MatchModel, MirrorModel, NamedMatch, PathMatchModel, RetryModel, RouteModel, ValueMatchModel, WeightedVersion } from "./route";
export type { RouteTestModel } from "./route-test";
export type { AccessModel, PortModel, ProbeModel, Protocol, ServiceModel } from "./service";
export type { TelemetryModel, TracingModel } from "./telemetry";
export { firstWorkloads, workloads } from "./workload";
export type { Workload } from "./workload";
export { serviceByName } from "./lookup";
export { toDnsLabel, xdsServiceName, zoneServiceHost, zoneServiceName } from "./names";
export { ENVOY_REGEX_PROGRAM_LIMIT, literalAlternationBound, MAX_ROUTE_COPIES, oneOfChunks, routeCopies } from "./one-of";
