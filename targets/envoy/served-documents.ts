// With `--delivery xds` no pod mounts lds.yaml or cds.yaml, so the build does not write them (docs/sidecar-layout.md);
// what the sidecars load instead is what the zone's `meshc serve` sends over ADS (xds-resources.ts). The build
// checks those resources as it checked the files, before anything is written: each (service, zone)'s listeners,
// route configurations and clusters of the Envoy shape, as DiscoveryResponse documents, under
// `envoy/<service>/<zone>/served/` (a name for findings only: nothing is written there). Endpoints are left to
// the server, which checks each ClusterLoadAssignment it makes from the pods it finds; they are not in the policy.
import type { MeshModel, Workload } from "../../compiler/model";
import { shareRendering, stableYaml, type YamlValue } from "../stable-yaml";
import type { Artifact, TargetOptions } from "../target";
import { sidecarResources } from "./xds-resources";
import { typed } from "./typed-config";

/** The folder findings on served resources name: beside the sidecar's envoyFolder, never written. */
export const SERVED_FOLDER = "served";

const TYPES = {
  lds: "envoy.config.listener.v3.Listener",
  rds: "envoy.config.route.v3.RouteConfiguration",
  cds: "envoy.config.cluster.v3.Cluster",
} as const;

/** Each resource's Any, made once per resource object: clusters callers share are rendered once. */
const typedResources = new WeakMap<object, object>();

function discoveryResponse(type: string, resources: readonly object[]): YamlValue {
  return {
    resources: resources.map((r) => {
      let any = typedResources.get(r);
      if (!any) typedResources.set(r, (any = shareRendering(typed(type, r))));
      return any;
    }),
  } as YamlValue;
}

/** What the zone's server sends the Envoy sidecars of `workload`'s service in each zone (every version shares it). */
export function servedDocuments(mesh: MeshModel, workload: Workload, options: TargetOptions, folderOf: (zone: string) => string): Artifact[] {
  if (options.delivery !== "xds") return [];
  return mesh.zones.flatMap((zone) => {
    const r = sidecarResources(mesh, options, workload, zone, "envoy");
    const folder = `${folderOf(zone)}/${SERVED_FOLDER}`;
    return [
      { path: `${folder}/lds.yaml`, content: stableYaml(discoveryResponse(TYPES.lds, r.listeners)) },
      { path: `${folder}/rds.yaml`, content: stableYaml(discoveryResponse(TYPES.rds, r.routes)) },
      { path: `${folder}/cds.yaml`, content: stableYaml(discoveryResponse(TYPES.cds, r.clusters)) },
    ];
  });
}
