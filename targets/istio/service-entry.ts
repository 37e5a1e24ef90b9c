// The external hosts the mesh may reach, in Istio's registry. With the outbound policy REGISTRY_ONLY
// (sidecar.ts) they are the only destinations outside the mesh a sidecar connects to, as in the Envoy target.
// Fixed addresses become STATIC endpoints; otherwise the sidecar resolves the host by DNS.
// https://istio.io/latest/docs/reference/config/networking/service-entry/
import { type ExternalModel, type MeshModel, type Protocol, toDnsLabel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioObject, type IstioObject } from "./object-meta";

/** Istio's root namespace: a ServiceEntry there, exported to every namespace, is seen by every sidecar. */
export const ROOT_NAMESPACE = "istio-system";
const EXPORT_TO_ALL = "*";

const PROTOCOL: Readonly<Record<Protocol, string>> = { http: "HTTP", http2: "HTTP2", grpc: "GRPC", tcp: "TCP", tls: "TLS" };

export function serviceEntryName(host: string): string {
  return toDnsLabel("external", host);
}

export function serviceEntry(mesh: MeshModel, level: ApiLevel, external: ExternalModel): IstioObject {
  const ports = external.ports.map((p) => ({ number: p.port, name: p.name, protocol: PROTOCOL[p.protocol] }));
  return istioObject(level, "ServiceEntry", mesh.name, serviceEntryName(external.host), ROOT_NAMESPACE, {
    hosts: [external.host],
    exportTo: [EXPORT_TO_ALL],
    location: "MESH_EXTERNAL",
    ports,
    resolution: external.addresses.length ? "STATIC" : "DNS",
    ...(external.addresses.length ? { endpoints: external.addresses.map((address) => ({ address })) } : {}),
  });
}
