// The kubernetes target: meshc's own sidecar mesh on a cluster, no control plane. For every zone, a kustomize
// root (`kubectl apply -k kubernetes/<zone>`):
//   kubernetes/<zone>/kustomization.yaml  the zone's object files, and a generator per sidecar ConfigMap
//   kubernetes/<zone>/namespaces.yaml     the Namespaces of the services
//   kubernetes/<zone>/<service>.yaml      ServiceAccount, certificate Role and RoleBinding, Service, the
//                                         headless per-version Services, the Deployments
//   kubernetes/<zone>/meshc-xds.yaml      with the xds delivery only: the zone's `meshc serve` (xds-server.ts)
//   kubernetes/<zone>/files/<service>/…   the Envoy (this zone's) and capture files the ConfigMaps are made of
// (docs/output-format.md). Objects every zone shares (Namespace, ServiceAccount, Role, Service, the capture
// ConfigMap) are written byte-identical into each zone's files, so a zone's folder is complete on its own.
// It packages the envoy and capture targets' files without reading them (docs/sidecar-layout.md): the copies
// are the same strings, which the atomic write hard-links, so each byte reaches the disk once (issue 19).
import { type MeshModel, type ServiceModel, type Workload, workloads } from "../../compiler/model";
import { type Delivery, KUSTOMIZATION_FILE } from "../sidecar-layout";
import type { Artifact, PackagedFiles, Target, TargetOptions } from "../target";
import { certificateRole, certificateRoleBinding } from "./certificates";
import { captureConfig, envoyConfig } from "./config-map";
import { deployment } from "./deployment";
import { namespace, serviceAccount } from "./identity";
import type { KubernetesObject } from "./k8s-types";
import { type GeneratedConfig, generatorFile, kustomization } from "./kustomization";
import { meshService, zoneService } from "./service";
import { XDS_SERVER_FILE, xdsServerObjects } from "./xds-server";
import { objectStream } from "./yaml-stream";

export const KUBERNETES_FOLDER = "kubernetes";
const NAMESPACES_FILE = "namespaces.yaml";

/** Everything one service runs in one zone, and the ConfigMaps its Deployments mount (generated, not written). */
function serviceObjects(mesh: MeshModel, service: ServiceModel, own: readonly Workload[], zone: string, packaged: PackagedFiles, delivery: Delivery): { objects: KubernetesObject[]; generated: GeneratedConfig[] } {
  // One Envoy ConfigMap (this zone's) and one capture ConfigMap for the service, mounted by every version's Deployment.
  const envoy = envoyConfig(mesh, service, zone, packaged, delivery);
  const capture = captureConfig(mesh, service, packaged);
  const objects: KubernetesObject[] = [serviceAccount(mesh, service), certificateRole(mesh, service), certificateRoleBinding(mesh, service), meshService(mesh, service)];
  for (const workload of own) objects.push(zoneService(mesh, service, workload.version, zone), deployment(mesh, workload, zone, envoy, capture, delivery));
  return { objects, generated: [{ service: service.name, config: envoy }, { service: service.name, config: capture }] };
}

function build(mesh: MeshModel, options: TargetOptions, packaged?: PackagedFiles): Artifact[] {
  if (!packaged) throw new Error("the kubernetes target needs the envoy and capture files (Target.packages)");
  const delivery = options.delivery ?? "files";
  if (delivery === "xds" && !options.xdsServer) throw new Error("the xds delivery needs the image of its servers (TargetOptions.xdsServer)");
  const byService = new Map<string, Workload[]>();
  for (const w of workloads(mesh)) byService.set(w.service.name, [...(byService.get(w.service.name) ?? []), w]);
  const namespaces = [...new Set(mesh.services.map((s) => s.namespace))].sort();
  const artifacts: Artifact[] = [];
  for (const zone of mesh.zones) {
    const folder = `${KUBERNETES_FOLDER}/${zone}`;
    const resources = [NAMESPACES_FILE];
    const generated: GeneratedConfig[] = [];
    const files: Artifact[] = [];
    artifacts.push({ path: `${folder}/${NAMESPACES_FILE}`, content: objectStream(namespaces.map((n) => namespace(mesh, n))) });
    for (const service of mesh.services) {
      for (const own of [NAMESPACES_FILE, KUSTOMIZATION_FILE, ...(delivery === "xds" ? [XDS_SERVER_FILE] : [])]) {
        if (`${service.name}.yaml` === own) throw new Error(`a service named '${service.name}' would overwrite ${folder}/${own}`);
      }
      const { objects, generated: configs } = serviceObjects(mesh, service, byService.get(service.name) ?? [], zone, packaged, delivery);
      resources.push(`${service.name}.yaml`);
      artifacts.push({ path: `${folder}/${service.name}.yaml`, content: objectStream(objects) });
      for (const g of configs) {
        generated.push(g);
        // The packaged strings themselves: equal content, which the atomic write links instead of writing again.
        for (const [name, content] of g.config.files) files.push({ path: `${folder}/${generatorFile(g.service, g.config, name)}`, content });
      }
    }
    if (delivery === "xds") {
      resources.push(XDS_SERVER_FILE);
      artifacts.push({ path: `${folder}/${XDS_SERVER_FILE}`, content: objectStream(xdsServerObjects(mesh, zone, options.xdsServer!)) });
    }
    artifacts.push({ path: `${folder}/${KUSTOMIZATION_FILE}`, content: kustomization(resources, generated) });
    for (const f of files) artifacts.push(f);
  }
  return artifacts;
}

export const kubernetesTarget: Target = { name: "kubernetes", packages: ["envoy", "capture"], build };
