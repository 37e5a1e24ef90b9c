// The Istio target: the policy as Istio resources, for clusters that already run Istio. Per zone (the zone's
// drills differ; everything else is the same in every zone), a mesh file and one file per service, each a YAML
// stream in apply order, written in the API version `--istio-api` chooses (api-level.ts).
import type { MeshModel } from "../../compiler/model";
import { stableYaml, type YamlValue } from "../stable-yaml";
import { type Artifact, DEFAULT_ISTIO_API, type Target, type TargetOptions } from "../target";
import { API_LEVELS } from "./api-level";
import { istioFindings } from "./findings";
import type { IstioObject } from "./object-meta";
import { meshFile, meshObjects, serviceFile, serviceObjectsByZone } from "./zone-files";

export type { IstioObject } from "./object-meta";
export { API_LEVELS } from "./api-level";

/** A YAML stream: one document per object, `---` between them. */
export function yamlStream(objects: readonly IstioObject[]): string {
  return objects.map((o) => stableYaml(o as unknown as YamlValue)).join("---\n");
}

/** Every zone's objects by file path, as data (tests read these; `build` serializes them). */
export function istioObjects(mesh: MeshModel, options: TargetOptions): Map<string, IstioObject[]> {
  const level = API_LEVELS[options.istioApi ?? DEFAULT_ISTIO_API];
  const files = new Map<string, IstioObject[]>();
  const shared = meshObjects(mesh, level);
  const byService = mesh.services.map((service) => ({ service, zones: serviceObjectsByZone(mesh, level, options, service) }));
  for (const zone of mesh.zones) {
    if (shared.length) files.set(meshFile(zone), shared);
    for (const { service, zones } of byService) files.set(serviceFile(zone, service.name), zones.get(zone)!);
  }
  return files;
}

function build(mesh: MeshModel, options: TargetOptions): Artifact[] {
  // Most files repeat from zone to zone (only drills differ), as the same list: each list is written once.
  const texts = new Map<readonly IstioObject[], string>();
  return [...istioObjects(mesh, options)].map(([path, objects]) => {
    let content = texts.get(objects);
    if (content === undefined) {
      content = yamlStream(objects);
      texts.set(objects, content);
    }
    return { path, content };
  });
}

export const istioTarget: Target = { name: "istio", build, findings: istioFindings };
