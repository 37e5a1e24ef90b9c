// The service's mTLS mode for traffic to its pods, from `access.mtls`. Per service (selected by its `app`
// label), never mesh-wide: a PeerAuthentication in the root namespace would override the cluster's own default
// for every workload, meshc's or not, and the model holds each service's resolved mode anyway.
// https://istio.io/latest/docs/reference/config/security/peer_authentication/
import type { MeshModel, ServiceModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioObject, type IstioObject } from "./object-meta";
import { serviceSelector } from "./workload-labels";

const MODE = { strict: "STRICT", permissive: "PERMISSIVE", disable: "DISABLE" } as const;

export function peerAuthentication(mesh: MeshModel, level: ApiLevel, service: ServiceModel): IstioObject {
  return istioObject(level, "PeerAuthentication", mesh.name, service.name, service.namespace, {
    selector: serviceSelector(service.name),
    mtls: { mode: MODE[service.access.mtls] },
  });
}
