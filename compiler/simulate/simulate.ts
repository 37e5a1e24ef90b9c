// The request simulator: which route of the called service takes a request, and which version it lands on.
// It reads only the mesh model, so routing tests, `explain` and the targets' own tests agree on one meaning.
import { checkBudget } from "../budget";
import { type MeshModel, type RouteModel, serviceByName, type WeightedVersion } from "../model";
import { requestMatches, type SimRequest } from "./match";

export type Simulation =
  | {
      readonly ok: true;
      /** The first route whose match holds (the last route always matches: normalize guarantees a catch-all). */
      readonly route: RouteModel;
      readonly destinations: readonly WeightedVersion[];
      /** The version the request lands on: the largest weight; ties go to the version declared first. */
      readonly version: string;
    }
  | { readonly ok: false; readonly reason: "unknown-service" | "no-route" | "no-destination"; readonly route?: RouteModel };

/** The version a weighted route sends "most" traffic to (destinations are in the service's version order). */
export function likeliestVersion(destinations: readonly WeightedVersion[]): string | undefined {
  let best: WeightedVersion | undefined;
  for (const d of destinations) if (!best || d.weight > best.weight) best = d;
  return best?.version;
}

export function simulate(mesh: MeshModel, request: SimRequest): Simulation {
  checkBudget();
  const service = serviceByName(mesh, request.to);
  if (!service) return { ok: false, reason: "unknown-service" };
  const route = service.routes.find((r) => requestMatches(r.match, request));
  if (!route) return { ok: false, reason: "no-route" };
  const version = likeliestVersion(route.destinations);
  if (version === undefined) return { ok: false, reason: "no-destination", route };
  return { ok: true, route, destinations: route.destinations, version };
}
