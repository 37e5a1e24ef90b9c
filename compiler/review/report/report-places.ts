// Every model path the report and its simulator point at (each service, its routes, access and calls; each
// drill), located once through the policy's syntax, as "file:line:column" strings the page embeds.
import { drillPath, routeSettingsPath, servicePath } from "../../checks/paths";
import type { MeshModel } from "../../model";
import { placeText } from "../source-place";
import { type PolicySources, sourcePlaces } from "../source-places";

export function reportPaths(mesh: MeshModel): string[] {
  return [
    ...mesh.services.flatMap((s) => [servicePath(s.name), `${servicePath(s.name)}.access.allowFrom`, `${servicePath(s.name)}.calls`, ...s.routes.map((r) => routeSettingsPath(s.name, r))]),
    ...mesh.drills.map((d) => drillPath(d.name)),
  ];
}

export function reportPlaces(mesh: MeshModel, policy: PolicySources | null, cwd = process.cwd()): Record<string, string> {
  if (!policy) return {};
  const out: Record<string, string> = {};
  for (const [path, place] of sourcePlaces(policy, [...new Set(reportPaths(mesh))], cwd)) if (place) out[path] = placeText(place);
  return out;
}
