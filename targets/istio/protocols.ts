// Which ports a VirtualService routes as HTTP, TLS or plain TCP: the same split the Envoy target makes
// (targets/envoy/protocol-options.ts), and the one Istio makes from the Service's port names.
import type { Protocol, ServiceModel } from "../../compiler/model";

export function isHttp(protocol: Protocol): boolean {
  return protocol === "http" || protocol === "http2" || protocol === "grpc";
}

export function httpPorts(service: ServiceModel): number[] {
  return service.ports.filter((p) => isHttp(p.protocol)).map((p) => p.port);
}

export function tcpPorts(service: ServiceModel): number[] {
  return service.ports.filter((p) => p.protocol === "tcp").map((p) => p.port);
}

export function tlsPorts(service: ServiceModel): number[] {
  return service.ports.filter((p) => p.protocol === "tls").map((p) => p.port);
}
