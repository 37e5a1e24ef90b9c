// What one service's capture does (the same for all its versions), decided once from the mesh model; the iptables and nftables renderers
// both read this plan, so the two backends cannot disagree about what the policy meant.
import type { Family, MeshModel, Workload } from "../../compiler/model";
import { safeCidr, safeWorkloadName } from "./model-values";
import { excludedOutboundPorts, type InboundPorts, inboundPorts } from "./ports";
import { unusedFamilies } from "./unused-family";

export interface OutboundCidrs {
  /** Destinations that bypass the proxy. */
  readonly exclude: readonly string[];
  /** Only these destinations are captured; null = every destination. */
  readonly include: readonly string[] | null;
}

export interface CapturePlan {
  /** The service whose pods (every version) run this capture: it reads nothing of the version. */
  readonly service: string;
  /** The families the mesh uses, in the model's order (IPv6 first when dual). */
  readonly families: readonly Family[];
  /** The families the mesh does not use: rejected in the pod, except on loopback (unused-family.ts). */
  readonly rejected: readonly Family[];
  readonly mode: "redirect" | "tproxy";
  readonly backend: "detect" | "nft";
  readonly inbound: InboundPorts;
  readonly excludeOutboundPorts: readonly number[];
  readonly outbound: Readonly<Record<Family, OutboundCidrs>>;
  readonly dns: boolean;
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];
const MODES = ["redirect", "tproxy"] as const;
const BACKENDS = ["detect", "nft"] as const;

function oneOf<T extends string>(value: T, allowed: readonly T[], where: string): T {
  if (allowed.includes(value)) return value;
  throw new Error(`capture: ${where} is ${JSON.stringify(value)}, expected one of ${allowed.join(", ")}`);
}

export function capturePlan(mesh: MeshModel, workload: Workload): CapturePlan {
  const { service } = workload;
  const where = `services.${service.name}.capture`;
  const families = mesh.families.map((f) => oneOf(f, FAMILIES, "mesh.families"));
  if (families.length === 0 || new Set(families).size !== families.length) throw new Error(`capture: mesh.families is ${JSON.stringify(families)}`);
  const capture = service.capture;
  const cidrs = (family: Family, list: readonly string[], name: string) => list.map((c, i) => safeCidr(c, family, `${where}.${name}.${family}[${i}]`));
  const outbound = (family: Family): OutboundCidrs => ({
    exclude: cidrs(family, capture.excludeOutboundCidrs[family], "excludeOutboundCidrs"),
    include: capture.includeOutboundCidrs === null ? null : cidrs(family, capture.includeOutboundCidrs[family], "includeOutboundCidrs"),
  });
  // The files name only the service, but a target refuses a model with a name that is unsafe anywhere (the
  // checks report it): every version's workload name too.
  for (const version of service.versions) safeWorkloadName(`${service.name}-${version}`);
  return {
    service: safeWorkloadName(service.name),
    families,
    rejected: unusedFamilies(families),
    mode: oneOf(capture.mode, MODES, `${where}.mode`),
    backend: oneOf(capture.backend, BACKENDS, `${where}.backend`),
    inbound: inboundPorts(service),
    excludeOutboundPorts: excludedOutboundPorts(service),
    outbound: { ipv4: outbound("ipv4"), ipv6: outbound("ipv6") },
    dns: capture.dns === true,
  };
}
