// Services. The mesh-wide one (`<service>.<namespace>`) selects every version in every zone, for clients outside
// the mesh; the sidecars never use it. The headless per-(service, version, zone) ones are what the Envoy
// clusters resolve (zoneServiceHost): a DNS answer with the ready pods of one version in one zone, which the
// cluster places in that zone's locality (targets/envoy/locality.ts).
//
// IP families come from the mesh: an IPv6-only mesh gets IPv6 SingleStack Services, so DNS never answers with
// an A record its pods cannot use. A dual-stack mesh gets RequireDualStack, IPv6 first: its sidecars resolve
// both families and capture both, and on a cluster that is not dual-stack the API server refuses the Service
// instead of quietly creating a single-stack one (what PreferDualStack would do) that half the mesh's rules
// and listeners would then not match.
import { type MeshModel, type ServiceModel, zoneServiceName } from "../../compiler/model";
import type { IService } from "./k8s-types";
import { APP_LABEL, podSelector, serviceLabels, workloadLabels } from "./labels";

type ServiceSpec = NonNullable<IService["spec"]>;

export function ipFamilies(mesh: MeshModel): Pick<ServiceSpec, "ipFamilies" | "ipFamilyPolicy"> {
  return {
    ipFamilies: mesh.families.map((f) => (f === "ipv6" ? "IPv6" : "IPv4")),
    ipFamilyPolicy: mesh.families.length > 1 ? "RequireDualStack" : "SingleStack",
  };
}

function ports(service: ServiceModel): ServiceSpec["ports"] {
  return service.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: "TCP" }));
}

export function meshService(mesh: MeshModel, service: ServiceModel): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: service.name, namespace: service.namespace, labels: serviceLabels(mesh, service) },
    spec: { type: "ClusterIP", selector: { [APP_LABEL]: service.name }, ports: ports(service), ...ipFamilies(mesh) },
  };
}

/** Headless: DNS answers with the pods themselves, and only ready ones (publishNotReadyAddresses stays off). */
export function zoneService(mesh: MeshModel, service: ServiceModel, version: string, zone: string): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: zoneServiceName(service.name, version, zone), namespace: service.namespace, labels: workloadLabels(mesh, service, version, zone) },
    spec: { clusterIP: "None", selector: podSelector(service, version, zone), ports: ports(service), ...ipFamilies(mesh) },
  };
}
