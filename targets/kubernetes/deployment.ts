// One Deployment per (service, version, zone): the model's replicas and image, pinned to its zone by node
// selector, running the app with the capture init container and the proxy. Its pod template names its three
// ConfigMaps (its Envoy files, its capture files, its namespace's capture runtime), whose names are their content's hash: a config change is a new template, hence a rolling update.
import type { MeshModel, Workload } from "../../compiler/model";
import { zoneServiceName } from "../../compiler/model";
import type { Delivery } from "../sidecar-layout";
import type { SidecarConfig } from "./config-map";
import type { IContainer, IDeployment } from "./k8s-types";
import { podSelector, TOPOLOGY_ZONE, workloadLabels } from "./labels";
import { captureContainer, proxyContainer, scrapeAnnotations, sidecarVolumes } from "./sidecar-containers";

function appContainer(workload: Workload): IContainer {
  const service = workload.service;
  const image = service.images[workload.version];
  if (!image) throw new Error(`no image for ${workload.name}`);
  return {
    name: service.name,
    image,
    ports: service.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
    ...(service.probes ? { readinessProbe: { httpGet: { path: service.probes.path, port: service.probes.port } } } : {}),
  };
}

export function deploymentName(workload: Workload, zone: string): string {
  return zoneServiceName(workload.service.name, workload.version, zone);
}

export function deployment(mesh: MeshModel, workload: Workload, zone: string, envoy: SidecarConfig, capture: SidecarConfig, runtime: SidecarConfig, delivery: Delivery = "files"): IDeployment {
  const service = workload.service;
  const selector = podSelector(service, workload.version, zone);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: deploymentName(workload, zone), namespace: service.namespace, labels: workloadLabels(mesh, service, workload.version, zone) },
    spec: {
      replicas: service.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: workloadLabels(mesh, service, workload.version, zone),
          annotations: { "kubectl.kubernetes.io/default-container": service.name, ...scrapeAnnotations(mesh) },
        },
        spec: {
          serviceAccountName: service.name,
          nodeSelector: { [TOPOLOGY_ZONE]: zone },
          initContainers: [captureContainer(mesh, service.name), proxyContainer(mesh, delivery, { service: service.name, version: workload.version, namespace: service.namespace, zone })],
          containers: [appContainer(workload)],
          volumes: sidecarVolumes(envoy.name, service.name, capture, runtime),
        },
      },
    },
  };
}
