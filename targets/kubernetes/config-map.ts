// A pod's sidecar files as content-named, immutable ConfigMaps (docs/sidecar-layout.md): the name ends in
// a hash of the data, so a changed file is a new ConfigMap and a new pod template (a rolling update, old pods
// keep their config until replaced), and an unchanged one leaves its pods alone. The files are the Envoy and
// capture targets' artifacts, as they are: this target never parses them. The build does not embed them
// (issue 19): each zone's kustomization generates the ConfigMaps from copies of the files (kustomization.ts);
// `object` is what kustomize generates, and what `meshc inject` appends to a team's manifests.
import { type MeshModel, type ServiceModel, toDnsLabel } from "../../compiler/model";
import { captureFolder, captureRuntimePath, type Delivery, envoyFolder, XDS_BOOTSTRAP_FILE } from "../sidecar-layout";
import type { PackagedFiles } from "../target";
import { contentHash, sameFiles, type SidecarFiles } from "./content-hash";
import type { IConfigMap } from "./k8s-types";
import { APP_LABEL, CONFIG_LABEL, managedLabels, ZONE_LABEL } from "./labels";

export type ConfigKind = "envoy" | "capture" | "capture-runtime";
/** The label saying which of a workload's ConfigMaps an object is. */
export { CONFIG_LABEL as CONFIG_LABEL_KEY } from "./labels";

/** Packaged files by folder, built once per build: looking a folder up must not scan every file (N² at scale). */
const byFolder = new WeakMap<PackagedFiles, Map<string, [string, string][]>>();

function folders(packaged: PackagedFiles): Map<string, [string, string][]> {
  let index = byFolder.get(packaged);
  if (!index) {
    index = new Map();
    for (const [path, content] of packaged) {
      const slash = path.lastIndexOf("/");
      const folder = path.slice(0, slash);
      let files = index.get(folder);
      if (!files) index.set(folder, (files = []));
      files.push([path.slice(slash + 1), content]);
    }
    byFolder.set(packaged, index);
  }
  return index;
}

/** The files directly in `folder`, by file name; only the ones the delivery mode mounts. */
export function filesIn(packaged: PackagedFiles, folder: string, delivery: Delivery): [string, string][] {
  // files mode mounts bootstrap, LDS and CDS; the xds mode only its bootstrap (the rest comes over ADS).
  const files = (folders(packaged).get(folder) ?? []).filter(([name]) => (delivery === "xds") === (name === XDS_BOOTSTRAP_FILE));
  if (!files.length) throw new Error(`no files under ${folder}: the target that writes them did not run or wrote nothing`);
  return files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export interface SidecarConfig {
  readonly kind: ConfigKind;
  readonly name: string;
  /** The files it holds, in name order: the keys the pod mounts and their bytes. */
  readonly files: SidecarFiles;
  readonly object: IConfigMap;
}

/**
 * The last config made for each slot. A config is a function of its slot, labels and files, so when they are what
 * they were (a rebuild in the same process hands over the same strings for every file that did not change), the
 * config is the same object: its name, object and kustomization entry (kustomization.ts) are not made again for
 * every ConfigMap of every zone in a one-service rebuild. Treated as immutable, like everything a target returns.
 */
const lastBySlot = new Map<string, SidecarConfig>();
/** More slots than this and the memo starts afresh (a long watch session must not keep every old config). */
const MEMO_MAX = 100_000;

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function configMap(namespace: string, labels: Record<string, string>, kind: ConfigKind, nameParts: readonly string[], files: SidecarFiles): SidecarConfig {
  // The slot: this ConfigMap in any build (namespace, service, kind, zone), whose last hash a rebuild may reuse;
  // the labels name the kind too.
  const slot = [namespace, ...nameParts].join("\0");
  const allLabels = { ...labels, [CONFIG_LABEL]: kind };
  const kept = lastBySlot.get(slot);
  if (kept && sameFiles(kept.files, files) && sameLabels(kept.object.metadata!.labels!, allLabels)) return kept;
  const name = toDnsLabel(...nameParts, contentHash(files, slot));
  const config: SidecarConfig = {
    kind,
    name,
    files,
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace, labels: allLabels },
      immutable: true,
      data: Object.fromEntries(files),
    },
  };
  if (lastBySlot.size >= MEMO_MAX) lastBySlot.clear();
  lastBySlot.set(slot, config);
  return config;
}

/**
 * `<service>-envoy-<zone>-<hash>`: the files of the pods' envoyFolder, which every version of the service in
 * the zone mounts (each pod's command line says which version it is). Labelled with the service and zone, no
 * version.
 */
export function envoyConfig(mesh: MeshModel, service: ServiceModel, zone: string, packaged: PackagedFiles, delivery: Delivery): SidecarConfig {
  const files = filesIn(packaged, envoyFolder(service.name, service.versions[0]!, zone), delivery);
  const labels = { ...managedLabels(mesh), [APP_LABEL]: service.name, [ZONE_LABEL]: zone };
  return configMap(service.namespace, labels, "envoy", [service.name, "envoy", zone], files);
}

/**
 * `<service>-capture-<hash>`: the files of the service's captureFolder, which every version's pods run. One
 * object for every zone, written byte-identical into each zone's file (no zone label), like the Namespace and
 * the Services.
 */
export function captureConfig(mesh: MeshModel, service: ServiceModel, packaged: PackagedFiles): SidecarConfig {
  // Made once per build and service, not once per zone: its files are hashed once.
  let byService = captureConfigs.get(packaged);
  if (!byService) captureConfigs.set(packaged, (byService = new Map()));
  const key = `${mesh.name}\0${service.name}\0${service.namespace}`;
  let config = byService.get(key);
  if (!config) {
    const files = filesIn(packaged, captureFolder(service.name, service.versions[0]!), "files");
    const labels = { ...managedLabels(mesh), [APP_LABEL]: service.name };
    byService.set(key, (config = configMap(service.namespace, labels, "capture", [service.name, "capture"], files)));
  }
  return config;
}

const captureConfigs = new WeakMap<PackagedFiles, Map<string, SidecarConfig>>();

/**
 * `meshc-capture-runtime-<hash>`: the capture runtime every init.sh sources (docs/sidecar-layout.md), one per
 * namespace, since a pod mounts ConfigMaps of its own namespace only. The same name in every namespace and
 * zone: it depends on the runtime's text alone, which depends on meshc alone. (A service's ConfigMaps end in
 * `-capture-<hash>` or `-envoy-<zone>-<hash>`, whose hex hash never reads `runtime-…`: no service's name meets it.)
 */
export function runtimeConfig(mesh: MeshModel, namespace: string, packaged: PackagedFiles): SidecarConfig {
  let byNamespace = runtimeConfigs.get(packaged);
  if (!byNamespace) runtimeConfigs.set(packaged, (byNamespace = new Map()));
  const key = `${mesh.name}\0${namespace}`;
  let config = byNamespace.get(key);
  if (!config) {
    const path = captureRuntimePath();
    const files = filesIn(packaged, path.slice(0, path.lastIndexOf("/")), "files");
    byNamespace.set(key, (config = configMap(namespace, managedLabels(mesh), "capture-runtime", ["meshc", "capture-runtime"], files)));
  }
  return config;
}

const runtimeConfigs = new WeakMap<PackagedFiles, Map<string, SidecarConfig>>();
