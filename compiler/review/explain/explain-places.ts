// The model paths an explanation points at, so the reader can jump from each line to the policy that decided it.
import { drillPath, routeSettingsPath, servicePath } from "../../checks/paths";
import type { Explanation } from "./explain";

export interface ExplainPaths {
  /** One per route tried; the implicit default route is found at its service. */
  readonly routes: readonly string[];
  readonly access: string;
  readonly calls: string;
  readonly drills: readonly string[];
}

export function explainPaths(e: Explanation): ExplainPaths {
  return {
    routes: e.routes.map((v) => routeSettingsPath(e.callee.name, v.route)),
    access: e.callee.access.allowFrom === null ? servicePath(e.callee.name) : `${servicePath(e.callee.name)}.access.allowFrom`,
    calls: `${servicePath(e.caller.name)}.calls`,
    drills: e.drills.map((d) => drillPath(d.drill.name)),
  };
}

export function allPaths(p: ExplainPaths): string[] {
  return [...p.routes, p.access, p.calls, ...p.drills];
}
