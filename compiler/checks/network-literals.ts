// Network literals: addresses of the wrong family for the mesh (the init container of an IPv6-only pod has no
// IPv4 stack to write rules for — the very bug this project comes from), ports the sidecar owns, and port
// numbers that collide or do not exist.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child, element } from "../diagnostics/model-path";
import type { CaptureModel, Family, MeshModel, PortModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { finding } from "./finding";
import { servicePath } from "./paths";

/**
 * Ports the sidecar listens on (DESIGN.md, Istio's reserved ports): 15000 admin, 15001 outbound capture,
 * 15006 inbound capture, 15020/15021 health and merged metrics, 15053 DNS capture, 15090 Prometheus.
 * https://istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio
 */
export const RESERVED_PORTS: ReadonlyMap<number, string> = new Map([
  [15000, "the sidecar's admin port"],
  [15001, "the outbound capture port"],
  [15006, "the inbound capture port"],
  [15020, "the merged-metrics port"],
  [15021, "the health port"],
  [15053, "the DNS capture port"],
  [15090, "the Prometheus port"],
]);

function familyOf(literal: string): Family {
  return literal.includes(":") ? "ipv6" : "ipv4";
}

/** MESH700 / MESH701 for a literal whose family the mesh does not run. */
function wrongFamily(mesh: MeshModel, literal: string, path: string, what: string, family: Family = familyOf(literal)): Diagnostic[] {
  if (mesh.families.includes(family)) return [];
  return family === "ipv4"
    ? [finding("MESH700", path, `${what} ${literal} is IPv4, but the mesh is IPv6-only: its pods have no IPv4 address.`)]
    : [finding("MESH701", path, `${what} ${literal} is IPv6, but the mesh is IPv4-only: its pods have no IPv6 address.`)];
}

const CIDR_LISTS = ["excludeOutboundCidrs", "includeOutboundCidrs"] as const;

/**
 * Capture CIDRs, already split by family in the model; a service's lists include the mesh's, which are
 * reported once, at the mesh.
 */
function captureCidrs(mesh: MeshModel, capture: CaptureModel, at: string, inherited: CaptureModel | null): Diagnostic[] {
  return CIDR_LISTS.flatMap((key) => {
    const lists = capture[key];
    if (!lists) return [];
    return (["ipv4", "ipv6"] as const).flatMap((family) =>
      lists[family]
        .filter((cidr) => !inherited?.[key]?.[family].includes(cidr))
        .flatMap((cidr) => wrongFamily(mesh, cidr, element(child(child(at, "capture"), key), cidr), "CIDR", family)),
    );
  });
}

function portRange(port: number, path: string, what: string): Diagnostic[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [finding("MESH704", path, `${what} ${port} is not a port number (1–65535).`)];
}

function ports(list: readonly PortModel[], at: string, checkReserved: boolean): Diagnostic[] {
  const portsAt = child(at, "ports");
  const out: Diagnostic[] = [];
  const first = new Map<number, PortModel>();
  for (const p of list) {
    const path = child(portsAt, p.name);
    out.push(...portRange(p.port, path, `port '${p.name}'`));
    const reserved = RESERVED_PORTS.get(p.port);
    if (checkReserved && reserved) out.push(finding("MESH702", path, `port '${p.name}' is ${p.port}, ${reserved}; the application cannot use it.`));
    const earlier = first.get(p.port);
    if (earlier) out.push(finding("MESH703", path, `ports '${earlier.name}' and '${p.name}' both use ${p.port}.`, { related: [{ path: child(portsAt, earlier.name), message: `'${earlier.name}' uses ${p.port} too` }] }));
    else first.set(p.port, p);
  }
  return out;
}

function probes(s: ServiceModel): Diagnostic[] {
  if (!s.probes) return [];
  const path = `${servicePath(s.name)}.probes.port`;
  const out = portRange(s.probes.port, path, "probe port");
  const reserved = RESERVED_PORTS.get(s.probes.port);
  if (reserved) out.push(finding("MESH702", path, `the probe port ${s.probes.port} is ${reserved}; the application cannot use it.`));
  const shared = s.ports.find((p) => p.port === s.probes!.port);
  if (shared) {
    out.push(
      finding("MESH705", path, `the probe port ${shared.port} is also port '${shared.name}' of '${s.name}': probe ports are not captured, so traffic to '${shared.name}' would bypass the sidecar (no mTLS, no allowFrom).`, {
        related: [{ path: child(child(servicePath(s.name), "ports"), shared.name), message: `port '${shared.name}'` }],
      }),
    );
  }
  return out;
}

function tracing(mesh: MeshModel): Diagnostic[] {
  const t = mesh.telemetry.tracing;
  if (!t || t.host === "") return [];
  const path = "mesh.telemetry.tracing.address";
  const isLiteral = /^\d+\.\d+\.\d+\.\d+$/.test(t.host) || t.host.includes(":");
  return [...portRange(t.port, path, "tracing port"), ...(isLiteral ? wrongFamily(mesh, t.host, path, "tracing address") : [])];
}

export const networkLiteralChecks: Check = {
  name: "network-literals",
  run: (mesh) => [
    ...captureCidrs(mesh, mesh.capture, "mesh", null),
    ...mesh.services.flatMap((s) => [...captureCidrs(mesh, s.capture, servicePath(s.name), mesh.capture), ...ports(s.ports, servicePath(s.name), true), ...probes(s)]),
    ...mesh.externals.flatMap((e) => {
      const at = child("mesh.external", e.host);
      return [...e.addresses.flatMap((a) => wrongFamily(mesh, a, element(child(at, "addresses"), a), "address")), ...ports(e.ports, at, false)];
    }),
    ...tracing(mesh),
  ],
};
