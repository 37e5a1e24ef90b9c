// The Envoy target: for every service and every zone it runs in, a sidecar config that needs no control plane:
// bootstrap.yaml, lds.yaml and cds.yaml under envoy/<service>/<zone>/, and beside them bootstrap-xds.yaml, the
// same sidecar fed by the zone's `meshc serve` (xds-resources.ts: what it serves). With `--delivery xds` only
// bootstrap-xds.yaml is written, since no pod mounts the others; what the server sends instead is checked, not
// written (served-documents.ts). Every version of the service
// mounts the same folder; its node id and version come from Envoy's command line (sidecar-layout.ts, envoyArgs).
//
// Why one config per zone: the locality priorities (the caller's own zone first) and the drills (active only
// in their zones) depend on the zone the sidecar runs in. Envoy can take its locality from the command line
// (--service-zone), but STRICT_DNS endpoint priorities are static config and cannot follow it, so each zone
// gets its own files; the kubernetes target mounts the right folder into each zone's Deployment. The files
// are complete and checkable as they are, with no runtime templating.
import type { MeshModel, Workload } from "../../compiler/model";
import { firstWorkloads } from "../../compiler/model";
import { sameData } from "./same-data";
import { stableYaml, type YamlValue } from "../stable-yaml";
import { type Artifact, type CheckedOnly, joinPieces, type Target, type TargetOptions } from "../target";
import { BOOTSTRAP_FILE, CDS_FILE, envoyFolder, LDS_FILE, XDS_BOOTSTRAP_FILE } from "../sidecar-layout";
import { bootstrap } from "./bootstrap";
import { bootstrapXds, folderXdsBootstrapKey } from "./bootstrap-xds";
import { inboundListener } from "./listener-inbound";
import { outboundListener } from "./listener-outbound";
import { servicesRead } from "./scope";
import { servedDocuments } from "./served-documents";
import { sidecarClusters } from "./sidecar-clusters";
import { clustersFile, listenersFile } from "./xds-file";

/**
 * YAML text written once per key: for documents whose key names everything they read (the folders' bootstraps:
 * bootstrap.yaml reads only the mesh-wide settings, bootstrap-xds.yaml also folderXdsBootstrapKey). Envoy reads
 * YAML 1.1 (yaml-cpp); stable-yaml quotes every string that parser would read as something else.
 */
type YamlText = (key: string, document: () => object) => string;

/**
 * YAML text, written once per distinct document of a slot: a document is compared with the slot's earlier ones as
 * data (same-data.ts). For a service's listeners, which are the same in its zones without drills and share their
 * callees' virtual hosts as objects: keying them by JSON text cost ~0.4 s of the target at N = 1 000.
 */
type SlotYaml = (slot: string, document: object) => string;

function slotYaml(): SlotYaml {
  const bySlot = new Map<string, { readonly document: object; readonly text: string }[]>();
  return (slot, document) => {
    let written = bySlot.get(slot);
    if (!written) bySlot.set(slot, (written = []));
    for (const earlier of written) if (sameData(earlier.document, document)) return earlier.text;
    const text = stableYaml(document as YamlValue);
    written.push({ document, text });
    return text;
  };
}

interface Texts {
  readonly yaml: YamlText;
  readonly listeners: SlotYaml;
}

const memoizedTexts = (): Texts => ({ yaml: keyedYaml(), listeners: slotYaml() });

/**
 * The bootstraps, one text for the whole mesh and one per zone (the listeners are memoized by slot, above). Keyed
 * by what they read rather than by their JSON, which at N = 1 000 was 27 MB of JSON written for 4 distinct texts.
 */
function keyedYaml(): YamlText {
  const texts = new Map<string, string>();
  return (key, document) => {
    let text = texts.get(key);
    if (text === undefined) {
      text = stableYaml(document() as YamlValue);
      texts.set(key, text);
    }
    return text;
  };
}

/**
 * The documents of one sidecar, as data: the per-workload reference (tests read these). Its bootstrap names the
 * sidecar itself; the files `build` writes are shared by the service's versions (folderConfig), and Envoy's
 * command line makes each version's effective config equal to this (test/envoy/effective-config.test.ts).
 */
export function sidecarConfig(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): { bootstrap: object; bootstrapXds: object; lds: object; cds: object } {
  return {
    bootstrap: bootstrap(mesh, workload, zone),
    bootstrapXds: bootstrapXds(mesh, workload, zone),
    lds: listenersFile([outboundListener(mesh, options, workload, zone), inboundListener(mesh, workload)]),
    cds: clustersFile(sidecarClusters(mesh, workload, zone)),
  };
}

/** The folder of one sidecar's files, relative to the output directory (shared with its service's other versions). */
export function sidecarFolder(workload: Workload, zone: string): string {
  return envoyFolder(workload.service.name, workload.version, zone);
}

/**
 * One folder's files: what every version of `workload`'s service mounts in `zone`. Listeners and clusters read
 * the workload's service, never its version (scope.ts), so any version builds them; the bootstraps carry the
 * folder's node, without the version's own fields. With the xds delivery, only its bootstrap.
 */
function folderArtifacts(mesh: MeshModel, workload: Workload, zone: string, options: TargetOptions, texts: Texts): Artifact[] {
  const folder = sidecarFolder(workload, zone);
  const xds = { path: `${folder}/${XDS_BOOTSTRAP_FILE}`, content: texts.yaml(`xds\n${folderXdsBootstrapKey(workload, zone)}`, () => bootstrapXds(mesh, workload, zone, "folder")) };
  if (options.delivery === "xds") return [xds];
  return [
    { path: `${folder}/${BOOTSTRAP_FILE}`, content: texts.yaml("files", () => bootstrap(mesh, workload, zone, "folder")) },
    { path: `${folder}/${LDS_FILE}`, content: texts.listeners(workload.service.name, listenersFile([outboundListener(mesh, options, workload, zone), inboundListener(mesh, workload)])) },
    // Not memoized as a whole: each (service, zone) has its own CDS (its zone's priorities), and its clusters,
    // which other callers share, are written once each (clustersFile).
    { path: `${folder}/${CDS_FILE}`, content: stableYaml(clustersFile(sidecarClusters(mesh, workload, zone)) as YamlValue) },
    xds,
  ];
}

/** The folders a workload's pods mount, one per zone: its service's, shared with the other versions. */
function workloadArtifacts(mesh: MeshModel, workload: Workload, options: TargetOptions, texts: Texts = memoizedTexts()): Artifact[] {
  return mesh.zones.flatMap((zone) => folderArtifacts(mesh, workload, zone, options, texts));
}

/** Each service's folders once, built from its first version (all versions would write the same bytes), a service a piece. */
function* pieces(mesh: MeshModel, options: TargetOptions): Generator<Artifact[]> {
  const texts = memoizedTexts();
  for (const workload of firstWorkloads(mesh)) yield workloadArtifacts(mesh, workload, options, texts);
}

/** What `meshc serve` sends instead of the files the xds delivery leaves out (served-documents.ts). */
const served: CheckedOnly = {
  perWorkload: (mesh, workload, options) => servedDocuments(mesh, workload, options, (zone) => sidecarFolder(workload, zone)),
  build: (mesh, options) =>
    options.delivery !== "xds" ? [] : firstWorkloads(mesh).flatMap((w) => servedDocuments(mesh, w, options, (zone) => sidecarFolder(w, zone))),
};

export const envoyTarget: Target = {
  name: "envoy",
  build: (mesh, options) => joinPieces(pieces(mesh, options)),
  pieces,
  checkedOnly: served,
  perWorkload: { build: (mesh, workload, options) => workloadArtifacts(mesh, workload, options), reads: servicesRead, unit: (workload) => workload.service.name },
};

export { sidecarResources, type SidecarResources, type XdsShape } from "./xds-resources";
export { clusterLoadAssignment, type EndpointSpec, type ResolvedEndpoint } from "./locality";
export { accountSpiffeId, spiffeId } from "./tls";
