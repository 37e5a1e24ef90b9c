// The Envoy target: for every workload (service × version) and every zone it runs in, a sidecar config that
// needs no control plane: bootstrap.yaml, lds.yaml and cds.yaml under envoy/<workload>/<zone>/, and beside
// them bootstrap-xds.yaml, the same sidecar fed by the zone's `meshc serve` (xds-resources.ts: what it serves).
//
// Why one config per zone: the locality priorities (the caller's own zone first) and the drills (active only
// in their zones) depend on the zone the sidecar runs in. Envoy can take its locality from the command line
// (--service-zone), but STRICT_DNS endpoint priorities are static config and cannot follow it, so each zone
// gets its own files; the kubernetes target mounts the right folder into each zone's Deployment. The files
// are complete and checkable as they are, with no runtime templating.
import type { MeshModel, Workload } from "../../compiler/model";
import { workloads } from "../../compiler/model";
import { stableYaml, type YamlValue } from "../stable-yaml";
import type { Artifact, Target, TargetOptions } from "../target";
import { BOOTSTRAP_FILE, CDS_FILE, envoyFolder, LDS_FILE, XDS_BOOTSTRAP_FILE } from "../sidecar-layout";
import { bootstrap } from "./bootstrap";
import { bootstrapXds } from "./bootstrap-xds";
import { inboundListener } from "./listener-inbound";
import { outboundListener } from "./listener-outbound";
import { servicesRead } from "./scope";
import { sidecarClusters } from "./sidecar-clusters";
import { clustersFile, listenersFile } from "./xds-file";

/** Envoy reads YAML 1.1 (yaml-cpp); stable-yaml quotes every string that parser would read as something else. */
type YamlText = (document: object) => string;

/**
 * YAML text, written once per distinct document of a build. Most sidecar documents repeat: a service's LDS is
 * the same for all its versions and, without drills, all zones; its CDS the same for all its versions (the
 * benchmark counted 100 distinct LDS and 300 distinct CDS among 600 sidecars). JSON text is the key: equal
 * JSON is equal data, hence equal YAML, and V8 writes JSON far faster than YAML is written here.
 */
function memoizedYaml(): YamlText {
  const texts = new Map<string, string>();
  return (document) => {
    const key = JSON.stringify(document);
    let text = texts.get(key);
    if (text === undefined) {
      text = stableYaml(document as YamlValue);
      texts.set(key, text);
    }
    return text;
  };
}

/** The three documents of one sidecar, as data (tests read these; `build` serializes them). */
export function sidecarConfig(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): { bootstrap: object; lds: object; cds: object } {
  return {
    bootstrap: bootstrap(mesh, workload, zone),
    lds: listenersFile([outboundListener(mesh, options, workload, zone), inboundListener(mesh, workload)]),
    cds: clustersFile(sidecarClusters(mesh, workload, zone)),
  };
}

/** The folder of one sidecar's files, relative to the output directory. */
export function sidecarFolder(workload: Workload, zone: string): string {
  return envoyFolder(workload.service.name, workload.version, zone);
}

/** One workload's files: bootstrap, LDS and CDS for each zone it runs in. */
function workloadArtifacts(mesh: MeshModel, workload: Workload, options: TargetOptions, yamlText: YamlText = memoizedYaml()): Artifact[] {
  return mesh.zones.flatMap((zone) => {
    const config = sidecarConfig(mesh, options, workload, zone);
    const folder = sidecarFolder(workload, zone);
    return [
      { path: `${folder}/${BOOTSTRAP_FILE}`, content: yamlText(config.bootstrap) },
      { path: `${folder}/${LDS_FILE}`, content: yamlText(config.lds) },
      { path: `${folder}/${CDS_FILE}`, content: yamlText(config.cds) },
      { path: `${folder}/${XDS_BOOTSTRAP_FILE}`, content: yamlText(bootstrapXds(mesh, workload, zone)) },
    ];
  });
}

function build(mesh: MeshModel, options: TargetOptions): Artifact[] {
  const yamlText = memoizedYaml();
  return workloads(mesh).flatMap((workload) => workloadArtifacts(mesh, workload, options, yamlText));
}

export const envoyTarget: Target = { name: "envoy", build, perWorkload: { build: (mesh, workload, options) => workloadArtifacts(mesh, workload, options), reads: servicesRead } };

export { sidecarResources, type SidecarResources, type XdsShape } from "./xds-resources";
export { clusterLoadAssignment, type EndpointSpec, type ResolvedEndpoint } from "./locality";
export { accountSpiffeId, spiffeId } from "./tls";
