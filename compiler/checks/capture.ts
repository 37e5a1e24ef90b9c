// Traffic-capture options (MESH6xx): values that cannot become a rule (ports out of range, CIDRs that are not
// canonical), and combinations that would silently capture less than the author believes. CIDRs of a family
// the mesh does not use are network-literals' MESH700/701. The capture target checks ports and CIDRs again
// before writing any script (targets/capture/model-values.ts); these diagnostics are what the author sees.
//
// A service's capture holds the mesh's options merged in (exclusions add up, include lists and modes
// replace), so a finding that the mesh-wide options alone cause is reported once, at `mesh.capture`.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child, element } from "../diagnostics/model-path";
import type { CaptureModel, Family, MeshModel, ServiceModel } from "../model";
import { parseCidr } from "../normalize/address";
import type { Code } from "../diagnostics/codes";
import type { Check } from "./check";
import { finding } from "./finding";
import { servicePath } from "./paths";
import { RESERVED_PORTS } from "./network-literals";

const DNS_PORT = 53;
const PORT_LISTS = ["includeInboundPorts", "excludeInboundPorts", "excludeOutboundPorts"] as const;
const CIDR_LISTS = ["excludeOutboundCidrs", "includeOutboundCidrs"] as const;

/** A finding before it has a path: `key` identifies it across the mesh and its services. */
interface Issue {
  readonly code: Code;
  readonly field: string;
  /** The offending list element, when there is one. */
  readonly value?: string;
  readonly message: string;
  readonly related?: { readonly field: string; readonly value: string; readonly message: string };
}

const key = (i: Issue) => `${i.code} ${i.field} ${i.value ?? ""}`;

function portIssues(capture: CaptureModel): Issue[] {
  const issues: Issue[] = [];
  for (const field of PORT_LISTS) {
    for (const port of capture[field] ?? []) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        issues.push({ code: "MESH600", field, value: String(port), message: `${port} in '${field}' is not a port number (1–65535).` });
      } else if (RESERVED_PORTS.has(port)) {
        issues.push(field === "includeInboundPorts"
          ? { code: "MESH602", field, value: String(port), message: `'includeInboundPorts' captures ${port}, ${RESERVED_PORTS.get(port)}: traffic to the sidecar itself would loop into it.` }
          : { code: "MESH603", field, value: String(port), message: `'${field}' lists ${port}, ${RESERVED_PORTS.get(port)}, which is never captured anyway.` });
      }
    }
  }
  const excluded = new Set(capture.excludeInboundPorts);
  for (const port of capture.includeInboundPorts ?? []) {
    if (excluded.has(port)) {
      issues.push({
        code: "MESH604", field: "includeInboundPorts", value: String(port), message: `port ${port} is both in 'includeInboundPorts' and in 'excludeInboundPorts'.`,
        related: { field: "excludeInboundPorts", value: String(port), message: `${port} is excluded here` },
      });
    }
  }
  if (capture.dns && capture.excludeOutboundPorts.includes(DNS_PORT)) {
    issues.push({ code: "MESH606", field: "excludeOutboundPorts", value: String(DNS_PORT), message: "DNS capture is on, but 'excludeOutboundPorts' lets TCP port 53 bypass the sidecar's DNS proxy." });
  }
  return issues;
}

function cidrIssues(capture: CaptureModel, families: readonly Family[]): Issue[] {
  const issues: Issue[] = [];
  for (const field of CIDR_LISTS) {
    const lists = capture[field];
    for (const cidr of lists ? [...lists.ipv4, ...lists.ipv6] : []) {
      if (parseCidr(cidr)?.text !== cidr) issues.push({ code: "MESH601", field, value: cidr, message: `${JSON.stringify(cidr)} in '${field}' is not a canonical IP address or CIDR.` });
    }
  }
  const include = capture.includeOutboundCidrs;
  if (!include) return issues;
  for (const f of ["ipv4", "ipv6"] as const) {
    for (const inner of include[f]) {
      const a = parseCidr(inner);
      const cover = capture.excludeOutboundCidrs[f].find((outer) => {
        const b = parseCidr(outer);
        return a && b && b.prefix <= a.prefix && parseCidr(`${a.address}/${b.prefix}`)?.text === b.text;
      });
      if (cover) {
        issues.push({
          code: "MESH605", field: "includeOutboundCidrs", value: inner, message: `${inner} is included, but all of it is inside the excluded ${cover}, so nothing of it is captured.`,
          related: { field: "excludeOutboundCidrs", value: cover, message: `${cover} is excluded here` },
        });
      }
    }
  }
  const total = include.ipv4.length + include.ipv6.length;
  for (const f of families) {
    if (total > 0 && include[f].length === 0) {
      issues.push({ code: "MESH607", field: "includeOutboundCidrs", message: `'includeOutboundCidrs' lists no ${f === "ipv4" ? "IPv4" : "IPv6"} CIDR, so no outbound ${f === "ipv4" ? "IPv4" : "IPv6"} traffic is captured.` });
    }
  }
  return issues;
}

function modeIssues(capture: CaptureModel, probePort: number | null): Issue[] {
  if (capture.mode !== "tproxy" || capture.includeInboundPorts === null) return [];
  const never = new Set([...RESERVED_PORTS.keys(), ...capture.excludeInboundPorts, ...(probePort === null ? [] : [probePort])]);
  if (capture.includeInboundPorts.some((p) => !never.has(p))) return [];
  return [{ code: "MESH608", field: "mode", message: "mode is \"tproxy\", but 'includeInboundPorts' leaves no inbound port to capture." }];
}

function issues(capture: CaptureModel, families: readonly Family[], probePort: number | null): Issue[] {
  return [...portIssues(capture), ...cidrIssues(capture, families), ...modeIssues(capture, probePort)];
}

function toDiagnostic(issue: Issue, at: string): Diagnostic {
  const path = (field: string, value?: string) => (value === undefined ? child(at, field) : element(child(at, field), value));
  const related = issue.related ? [{ path: path(issue.related.field, issue.related.value), message: issue.related.message }] : undefined;
  return finding(issue.code, path(issue.field, issue.value), issue.message, related ? { related } : {});
}

function serviceIssues(mesh: MeshModel, s: ServiceModel, fromMesh: ReadonlySet<string>): Diagnostic[] {
  const at = child(servicePath(s.name), "capture");
  return issues(s.capture, mesh.families, s.probes?.port ?? null)
    .filter((i) => !fromMesh.has(key(i)))
    .map((i) => toDiagnostic(i, at));
}

export const captureChecks: Check = {
  name: "capture",
  run: (mesh) => {
    const meshIssues = issues(mesh.capture, mesh.families, null);
    const fromMesh = new Set(meshIssues.map(key));
    return [...meshIssues.map((i) => toDiagnostic(i, "mesh.capture")), ...mesh.services.flatMap((s) => serviceIssues(mesh, s, fromMesh))];
  },
};
