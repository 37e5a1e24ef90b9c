// Which inbound ports are captured. The sidecar's own ports and the kubelet's health-probe port are never
// captured: the kubelet probes the app directly, from the node, without a mesh identity
// (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/).
import type { ServiceModel } from "../../compiler/model";
import { safePort } from "./model-values";
import { RESERVED_PORTS } from "./sidecar";

/** "every port except these", or "only these ports" (possibly none). Both lists sorted, without duplicates. */
export type InboundPorts =
  | { readonly kind: "all-except"; readonly ports: readonly number[] }
  | { readonly kind: "only"; readonly ports: readonly number[] };

function sortedUnique(ports: readonly number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

export function inboundPorts(service: ServiceModel): InboundPorts {
  const where = `services.${service.name}.capture`;
  const capture = service.capture;
  const never = [
    ...RESERVED_PORTS,
    ...capture.excludeInboundPorts.map((p) => safePort(p, `${where}.excludeInboundPorts`)),
    ...(service.probes ? [safePort(service.probes.port, `services.${service.name}.probes.port`)] : []),
  ];
  if (capture.includeInboundPorts === null) return { kind: "all-except", ports: sortedUnique(never) };
  const excluded = new Set(never);
  const only = capture.includeInboundPorts.map((p) => safePort(p, `${where}.includeInboundPorts`)).filter((p) => !excluded.has(p));
  return { kind: "only", ports: sortedUnique(only) };
}

/** Outbound destination ports that bypass the proxy. */
export function excludedOutboundPorts(service: ServiceModel): number[] {
  return sortedUnique(service.capture.excludeOutboundPorts.map((p) => safePort(p, `services.${service.name}.capture.excludeOutboundPorts`)));
}
