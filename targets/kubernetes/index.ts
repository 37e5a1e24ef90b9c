// The kubernetes target: meshc's own sidecar mesh on a cluster, no control plane. For every zone:
//   kubernetes/<zone>/namespaces.yaml   the Namespaces of the services
//   kubernetes/<zone>/<service>.yaml    ServiceAccount, certificate Role and RoleBinding, Service, the Envoy
//                                       and capture ConfigMaps the versions share, the headless per-version
//                                       Services, the Deployments
//   kubernetes/<zone>/meshc-xds.yaml    with the xds delivery only: the zone's `meshc serve` (xds-server.ts)
// (docs/output-format.md). Objects every zone shares (Namespace, ServiceAccount, Role, Service, the capture
// ConfigMap) are written byte-identical into each zone's files, so a zone's folder is complete on its own.
// It packages the envoy and capture targets' files into ConfigMaps without reading them (docs/sidecar-layout.md).
import { type MeshModel, type ServiceModel, type Workload, workloads } from "../../compiler/model";
import type { Delivery } from "../sidecar-layout";
import type { Artifact, PackagedFiles, Target, TargetOptions } from "../target";
import { certificateRole, certificateRoleBinding } from "./certificates";
import { captureConfig, envoyConfig } from "./config-map";
import { deployment } from "./deployment";
import { namespace, serviceAccount } from "./identity";
import type { KubernetesObject } from "./k8s-types";
import { meshService, zoneService } from "./service";
import { XDS_SERVER_FILE, xdsServerObjects } from "./xds-server";
import { objectStream } from "./yaml-stream";

export const KUBERNETES_FOLDER = "kubernetes";
const NAMESPACES_FILE = "namespaces.yaml";

/** Everything one service runs in one zone. */
function serviceObjects(mesh: MeshModel, service: ServiceModel, own: readonly Workload[], zone: string, packaged: PackagedFiles, delivery: Delivery): KubernetesObject[] {
  // One Envoy ConfigMap (this zone's) and one capture ConfigMap for the service, mounted by every version's Deployment.
  const envoy = envoyConfig(mesh, service, zone, packaged, delivery);
  const capture = captureConfig(mesh, service, packaged);
  const objects: KubernetesObject[] = [serviceAccount(mesh, service), certificateRole(mesh, service), certificateRoleBinding(mesh, service), meshService(mesh, service), envoy.object, capture.object];
  for (const workload of own) objects.push(zoneService(mesh, service, workload.version, zone), deployment(mesh, workload, zone, envoy, capture, delivery));
  return objects;
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
    artifacts.push({ path: `${folder}/${NAMESPACES_FILE}`, content: objectStream(namespaces.map((n) => namespace(mesh, n))) });
    for (const service of mesh.services) {
      for (const own of [NAMESPACES_FILE, ...(delivery === "xds" ? [XDS_SERVER_FILE] : [])]) {
        if (`${service.name}.yaml` === own) throw new Error(`a service named '${service.name}' would overwrite ${folder}/${own}`);
      }
      artifacts.push({ path: `${folder}/${service.name}.yaml`, content: objectStream(serviceObjects(mesh, service, byService.get(service.name) ?? [], zone, packaged, delivery)) });
    }
    if (delivery === "xds") artifacts.push({ path: `${folder}/${XDS_SERVER_FILE}`, content: objectStream(xdsServerObjects(mesh, zone, options.xdsServer!)) });
  }
  return artifacts;
}

export const kubernetesTarget: Target = { name: "kubernetes", packages: ["envoy", "capture"], build };
