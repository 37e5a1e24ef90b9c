// One request through the compiled policy, as the caller's sidecar and the callee's sidecar would treat it: can
// the caller reach the callee at all (its `calls`), does the callee admit it (`allowFrom`), which route takes it
// and why the earlier ones did not, where it lands (the version split), the route's timeout and retries, the
// callee's limits, the drills that act on it, and the zone order of the endpoints. Pure: model in, data out.
import type { MeshModel, MirrorModel, OverloadModel, RateLimitModel, RetryModel, RouteModel, ServiceModel, WeightedVersion } from "../../model";
import { serviceByName } from "../../model";
import { likeliestVersion, type SimRequest, simulate } from "../../simulate";
import { type DrillState, drillStates } from "../traffic/drill-state";
import { type ZonePriority, zoneOrder } from "../traffic/zone-order";
import { type RouteVerdict, routeVerdicts } from "./route-verdicts";

export interface ExplainRequest extends SimRequest {
  readonly from: string;
  /** The caller's zone; null = the mesh's first zone. */
  readonly zone: string | null;
  /** Drills the build switches on (`--drill`). */
  readonly drills: readonly string[];
}

export interface Explanation {
  readonly request: ExplainRequest;
  readonly caller: ServiceModel;
  readonly callee: ServiceModel;
  readonly zone: string;
  /** Whether the caller lists the callee in its `calls`: without it, its sidecar has no route there. */
  readonly calls: boolean;
  readonly outbound: MeshModel["outbound"];
  readonly admitted: boolean;
  /** HTTP routes look at the request; a TCP-only callee gets its catch-all route. */
  readonly protocol: "http" | "tcp";
  /** The routes tried, in order, the last one the route that took the request. */
  readonly routes: readonly RouteVerdict[];
  readonly route: RouteModel;
  readonly destinations: readonly WeightedVersion[];
  /** The version most such requests land on (largest weight; ties to the version declared first). */
  readonly version: string;
  readonly timeoutMs: number;
  readonly retries: RetryModel;
  readonly mirror: MirrorModel | null;
  readonly overload: OverloadModel;
  readonly rateLimit: RateLimitModel | null;
  readonly drills: readonly DrillState[];
  readonly zones: readonly ZonePriority[];
}

export type ExplainProblem = { readonly problem: "unknown-service" | "unknown-zone"; readonly name: string; readonly known: readonly string[] };

const HTTP_PROTOCOLS = new Set(["http", "http2", "grpc"]);

export function isHttpService(service: ServiceModel): boolean {
  return service.ports.some((p) => HTTP_PROTOCOLS.has(p.protocol));
}

export function explain(mesh: MeshModel, request: ExplainRequest): Explanation | ExplainProblem {
  const caller = serviceByName(mesh, request.from);
  const callee = serviceByName(mesh, request.to);
  const names = mesh.services.map((s) => s.name);
  if (!caller) return { problem: "unknown-service", name: request.from, known: names };
  if (!callee) return { problem: "unknown-service", name: request.to, known: names };
  const zone = request.zone ?? mesh.zones[0]!;
  if (!mesh.zones.includes(zone)) return { problem: "unknown-zone", name: zone, known: mesh.zones };

  const http = isHttpService(callee);
  const routes = routeVerdicts(callee, request, http);
  const taken = routes[routes.length - 1]!.route;
  if (http) {
    // The verdicts restate the simulator's choice; a disagreement would be a meshc bug, so it is not hidden.
    const simulated = simulate(mesh, request);
    if (!simulated.ok || simulated.route !== taken) throw new Error(`explain and the simulator disagree on ${callee.name}'s route`);
  }
  const allowFrom = callee.access.allowFrom;
  return {
    request,
    caller,
    callee,
    zone,
    calls: caller.calls.includes(callee.name),
    outbound: mesh.outbound,
    admitted: allowFrom === null || allowFrom.includes(caller.name),
    protocol: http ? "http" : "tcp",
    routes,
    route: taken,
    destinations: taken.destinations,
    version: likeliestVersion(taken.destinations) ?? callee.versions[0]!,
    timeoutMs: taken.timeoutMs,
    retries: taken.retries,
    mirror: taken.mirror,
    overload: callee.overload,
    rateLimit: callee.rateLimit,
    drills: drillStates(mesh, request.drills, caller.name, callee.name, zone),
    zones: zoneOrder(mesh, callee, zone),
  };
}

export function isProblem(result: Explanation | ExplainProblem): result is ExplainProblem {
  return "problem" in result;
}
