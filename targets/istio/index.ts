// The Istio target: the policy as Istio resources, for clusters that already run Istio. Per zone (the zone's
// drills differ; everything else is the same in every zone), a mesh file and one file per service, each a YAML
// stream in apply order, written in the API version `--istio-api` chooses (api-level.ts).
import { type MeshModel, type ServiceModel, serviceByName, type Workload } from "../../compiler/model";
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

/**
 * Every zone's objects by file path, as data (tests read these; `build` serializes them): the mesh files first,
 * then each service's files, zone by zone, so that one service's files are one unit of the watch path.
 */
export function istioObjects(mesh: MeshModel, options: TargetOptions): Map<string, IstioObject[]> {
  const files = sharedObjects(mesh, options);
  for (const service of mesh.services) for (const [path, objects] of serviceObjects(mesh, options, service)) files.set(path, objects);
  return files;
}

function sharedObjects(mesh: MeshModel, options: TargetOptions): Map<string, IstioObject[]> {
  const shared = meshObjects(mesh, API_LEVELS[options.istioApi ?? DEFAULT_ISTIO_API]);
  return new Map(shared.length ? mesh.zones.map((zone) => [meshFile(zone), shared] as const) : []);
}

function serviceObjects(mesh: MeshModel, options: TargetOptions, service: ServiceModel): Map<string, IstioObject[]> {
  const zones = serviceObjectsByZone(mesh, API_LEVELS[options.istioApi ?? DEFAULT_ISTIO_API], options, service);
  return new Map(mesh.zones.map((zone) => [serviceFile(zone, service.name), zones.get(zone)!] as const));
}

/** Files as YAML streams; files that hold the same list (zones with the same drills) are written once. */
function serialized(files: ReadonlyMap<string, readonly IstioObject[]>): Artifact[] {
  const texts = new Map<readonly IstioObject[], string>();
  return [...files].map(([path, objects]) => {
    let content = texts.get(objects);
    if (content === undefined) {
      content = yamlStream(objects);
      texts.set(objects, content);
    }
    return { path, content };
  });
}

function build(mesh: MeshModel, options: TargetOptions): Artifact[] {
  return serialized(istioObjects(mesh, options));
}

/**
 * What one service's files read of the model besides the mesh-level settings: its own model, the services it
 * calls (egress hosts) and the mirrors of their routes, its own routes' mirror targets, and its callers (the
 * principals its AuthorizationPolicy allows).
 */
function servicesRead(mesh: MeshModel, workload: Workload): string[] {
  const own = workload.service;
  const called = own.calls.flatMap((name) => serviceByName(mesh, name) ?? []);
  const mirrors = [own, ...called].flatMap((s) => s.routes.flatMap((r) => (r.mirror ? [r.mirror.service] : [])));
  return [own.name, ...own.calls, ...mirrors, ...(own.access.allowFrom ?? [])];
}

export const istioTarget: Target = {
  name: "istio",
  build,
  findings: istioFindings,
  perWorkload: {
    shared: (mesh, options) => serialized(sharedObjects(mesh, options)),
    build: (mesh, workload, options) => serialized(serviceObjects(mesh, options, workload.service)),
    reads: servicesRead,
    unit: (workload) => workload.service.name,
  },
};
