// The kubernetes target: meshc's own sidecar mesh on a cluster, no control plane. For every zone, a kustomize
// root (`kubectl apply -k kubernetes/<zone>`):
//   kubernetes/<zone>/kustomization.yaml  the zone's object files, and a generator per sidecar ConfigMap
//   kubernetes/<zone>/namespaces.yaml     the Namespaces of the services
//   kubernetes/<zone>/<service>.yaml      ServiceAccount, certificate Role and RoleBinding, Service, the
//                                         headless per-version Services, the Deployments
//   kubernetes/<zone>/meshc-xds.yaml      with the xds delivery only: the zone's `meshc serve` (xds-server.ts)
//   kubernetes/<zone>/files/<service>/…   the Envoy (this zone's) and capture files the ConfigMaps are made of
//   kubernetes/<zone>/files/capture-runtime.sh  the capture runtime, which each namespace's runtime ConfigMap holds
// (docs/output-format.md). Objects every zone shares (Namespace, ServiceAccount, Role, Service, the capture
// ConfigMap) are written byte-identical into each zone's files, so a zone's folder is complete on its own.
// It packages the envoy and capture targets' files without reading them (docs/sidecar-layout.md): the copies
// are the same strings, which the atomic write hard-links, so each byte reaches the disk once (issue 19).
import { type MeshModel, type ServiceModel, type Workload, workloads } from "../../compiler/model";
import { captureRuntimePath, type Delivery, KUSTOMIZATION_FILE, RUNTIME_GENERATOR_FILE } from "../sidecar-layout";
import { type Artifact, joinPieces, type PackagedFiles, type Target, type TargetOptions } from "../target";
import { certificateRole, certificateRoleBinding } from "./certificates";
import { captureConfig, envoyConfig, runtimeConfig } from "./config-map";
import { deployment } from "./deployment";
import { namespace, serviceAccount } from "./identity";
import type { KubernetesObject } from "./k8s-types";
import { type GeneratedConfig, generatorFile, kustomization } from "./kustomization";
import { meshService, zoneService } from "./service";
import { XDS_SERVER_FILE, xdsServerObjects } from "./xds-server";
import { objectFile, objectStream } from "./yaml-stream";

export const KUBERNETES_FOLDER = "kubernetes";
const NAMESPACES_FILE = "namespaces.yaml";

/** Everything one service runs in one zone, and the ConfigMaps its Deployments mount (generated, not written). */
/** One Envoy ConfigMap (this zone's) and one capture ConfigMap for the service, mounted by every version's Deployment. */
function serviceConfigs(mesh: MeshModel, service: ServiceModel, zone: string, packaged: PackagedFiles, delivery: Delivery): [GeneratedConfig, GeneratedConfig] {
  return [
    { service: service.name, config: envoyConfig(mesh, service, zone, packaged, delivery) },
    { service: service.name, config: captureConfig(mesh, service, packaged) },
  ];
}

function serviceObjects(mesh: MeshModel, service: ServiceModel, own: readonly Workload[], zone: string, packaged: PackagedFiles, delivery: Delivery): { objects: KubernetesObject[]; generated: GeneratedConfig[] } {
  const generated = serviceConfigs(mesh, service, zone, packaged, delivery);
  const [{ config: envoy }, { config: capture }] = generated;
  const runtime = runtimeConfig(mesh, service.namespace, packaged);
  const objects: KubernetesObject[] = [serviceAccount(mesh, service), certificateRole(mesh, service), certificateRoleBinding(mesh, service), meshService(mesh, service)];
  for (const workload of own) objects.push(zoneService(mesh, service, workload.version, zone), deployment(mesh, workload, zone, envoy, capture, runtime, delivery));
  return { objects, generated };
}

function checkedOptions(options: TargetOptions, packaged: PackagedFiles | undefined): { delivery: Delivery; packaged: PackagedFiles } {
  if (!packaged) throw new Error("the kubernetes target needs the envoy and capture files (Target.packages)");
  const delivery = options.delivery ?? "files";
  if (delivery === "xds" && !options.xdsServer) throw new Error("the xds delivery needs the image of its servers (TargetOptions.xdsServer)");
  return { delivery, packaged };
}

/** The workloads of each service, in `workloads(mesh)` order (built once per model). */
const workloadsByService = new WeakMap<MeshModel, Map<string, Workload[]>>();

function ownWorkloads(mesh: MeshModel, service: ServiceModel): readonly Workload[] {
  let byService = workloadsByService.get(mesh);
  if (!byService) {
    byService = new Map();
    for (const w of workloads(mesh)) byService.set(w.service.name, [...(byService.get(w.service.name) ?? []), w]);
    workloadsByService.set(mesh, byService);
  }
  return byService.get(service.name) ?? [];
}

/** The capture runtime's text, as the capture target wrote it (the same string, so the write links it). */
function runtimeText(packaged: PackagedFiles): string {
  const text = packaged.get(captureRuntimePath());
  if (text === undefined) throw new Error(`no ${captureRuntimePath()}: the capture target did not run or wrote no runtime`);
  return text;
}

function ownFiles(delivery: Delivery): string[] {
  return [NAMESPACES_FILE, KUSTOMIZATION_FILE, ...(delivery === "xds" ? [XDS_SERVER_FILE] : [])];
}

/**
 * What belongs to a zone rather than to one service: its Namespaces, its kustomization (which names every
 * service's ConfigMaps: their names are hashes of the files, kept between rebuilds by content-hash.ts), and with
 * the xds delivery its `meshc serve`.
 */
function zoneArtifacts(mesh: MeshModel, options: TargetOptions, maybePackaged?: PackagedFiles): Artifact[] {
  const { delivery, packaged } = checkedOptions(options, maybePackaged);
  const namespaces = [...new Set(mesh.services.map((s) => s.namespace))].sort();
  const namespacesText = objectStream(namespaces.map((n) => namespace(mesh, n)));
  const artifacts: Artifact[] = [];
  for (const zone of mesh.zones) {
    const folder = `${KUBERNETES_FOLDER}/${zone}`;
    const resources = [NAMESPACES_FILE];
    // First the capture runtime, one ConfigMap per namespace, all generated from the zone's one copy of it.
    const generated: GeneratedConfig[] = namespaces.map((n) => ({ service: null, config: runtimeConfig(mesh, n, packaged) }));
    artifacts.push({ path: `${folder}/${NAMESPACES_FILE}`, content: namespacesText });
    artifacts.push({ path: `${folder}/${RUNTIME_GENERATOR_FILE}`, content: runtimeText(packaged) });
    for (const service of mesh.services) {
      for (const own of ownFiles(delivery)) {
        if (`${service.name}.yaml` === own) throw new Error(`a service named '${service.name}' would overwrite ${folder}/${own}`);
      }
      resources.push(`${service.name}.yaml`);
      generated.push(...serviceConfigs(mesh, service, zone, packaged, delivery));
    }
    if (delivery === "xds") {
      resources.push(XDS_SERVER_FILE);
      artifacts.push({ path: `${folder}/${XDS_SERVER_FILE}`, content: objectStream(xdsServerObjects(mesh, zone, options.xdsServer!)) });
    }
    artifacts.push({ path: `${folder}/${KUSTOMIZATION_FILE}`, content: kustomization(resources, generated) });
  }
  return artifacts;
}

/** One service's files in every zone: its objects, and the copies of the files its ConfigMaps are made of. */
function serviceArtifacts(mesh: MeshModel, service: ServiceModel, options: TargetOptions, maybePackaged?: PackagedFiles, withDocuments = false): Artifact[] {
  const { delivery, packaged } = checkedOptions(options, maybePackaged);
  const artifacts: Artifact[] = [];
  for (const zone of mesh.zones) {
    const folder = `${KUBERNETES_FOLDER}/${zone}`;
    const { objects, generated } = serviceObjects(mesh, service, ownWorkloads(mesh, service), zone, packaged, delivery);
    const path = `${folder}/${service.name}.yaml`;
    if (withDocuments) artifacts.push({ path, ...objectFile(objects) });
    else artifacts.push({ path, content: objectStream(objects) });
    // The packaged strings themselves: equal content, which the atomic write links instead of writing again.
    for (const g of generated) for (const [name, content] of g.config.files) artifacts.push({ path: `${folder}/${generatorFile(g.service, g.config, name)}`, content });
  }
  return artifacts;
}

/** The zones' files, then each service's objects, with the documents they were written from (Artifact.documents). */
function* pieces(mesh: MeshModel, options: TargetOptions, packaged?: PackagedFiles): Generator<Artifact[]> {
  yield zoneArtifacts(mesh, options, packaged);
  for (const service of mesh.services) yield serviceArtifacts(mesh, service, options, packaged, true);
}

export const kubernetesTarget: Target = {
  name: "kubernetes",
  packages: ["envoy", "capture"],
  build: (mesh, options, packaged) => joinPieces(pieces(mesh, options, packaged)),
  pieces,
  // A service's objects read its own model; what its packaged Envoy and capture files read, compiler/watch adds.
  perWorkload: { shared: zoneArtifacts, build: (mesh, workload, options, packaged) => serviceArtifacts(mesh, workload.service, options, packaged), reads: (_mesh, workload) => [workload.service.name], unit: (workload) => workload.service.name },
};
