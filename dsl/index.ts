// The public surface policy authors import as "meshc". Re-exports only.
export { KIND, kindOf } from "./brand";
export type { Kind } from "./brand";
export type { CaptureOptions } from "./capture";
export type { Duration, Percent } from "./duration";
export type { HttpMethod, Match, PathMatch, ValueMatch } from "./match";
export { defineMesh } from "./mesh";
export type { Defaults, Drill, External, IpFamily, Mesh, MeshSpec, ServiceSource } from "./mesh";
export type { PortSpec, Ports, Protocol } from "./port";
export { svc } from "./registry";
export type { ServiceRef, ServiceRefs, Services, VersionOf } from "./registry";
export type { Ejection, Overload, RateLimit, Retries, RetryOn } from "./resilience";
export type { Destination, Mirror, Route } from "./route";
export type { Expectation, RouteTest, RouteTests, Split, TestRequest } from "./route-test";
export type { Access, MtlsMode } from "./security";
export { service } from "./service";
export type { Probes, RefOf, Service, ServiceSpec } from "./service";
export type { Telemetry, Tracing } from "./telemetry";
