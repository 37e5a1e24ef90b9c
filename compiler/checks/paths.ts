// Model paths the checks share, spelled once: services by name, routes by the author's index.
import { child } from "../diagnostics/model-path";
import type { RouteModel } from "../model";

export function servicePath(name: string): string {
  return child("services", name);
}

export function routePath(service: string, index: number): string {
  return child(child(servicePath(service), "routes"), index);
}

/**
 * Where a route's timeout and retries come from: the route itself, or — for the implicit default route,
 * which the author never wrote — the service (the locator falls back further to the mesh defaults).
 */
export function routeSettingsPath(service: string, route: RouteModel): string {
  return route.implicit ? servicePath(service) : routePath(service, route.index);
}

export function drillPath(name: string): string {
  return child(child("mesh", "drills"), name);
}
