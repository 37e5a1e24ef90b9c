// Names that become Kubernetes object names, labels and port names must pass the API server's validation
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/): a name meshc cannot use as-is is
// an error at the author's spelling, never silently rewritten. Duplicates are reported at the second one.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import type { MeshModel, PortModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { perService } from "./per-service";
import { finding } from "./finding";
import { drillPath, routePath, servicePath } from "./paths";
import { shown } from "../diagnostics/shown";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;
const MAX_PORT_NAME = 15;

/** Why `name` is not a DNS-1123 label, or null when it is one. */
export function dnsLabelProblem(name: string): string | null {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_LABEL) return `it is ${name.length} characters long (at most ${MAX_LABEL})`;
  if (/[A-Z]/.test(name) && DNS_LABEL.test(name.toLowerCase())) return "it has upper-case letters";
  if (!DNS_LABEL.test(name)) return "it may hold only lower-case letters, digits and '-', and must start and end with a letter or digit";
  return null;
}

/** Kubernetes' IsValidPortName (IANA_SVC_NAME, RFC 6335). */
export function portNameProblem(name: string): string | null {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_PORT_NAME) return `it is ${name.length} characters long (at most ${MAX_PORT_NAME})`;
  if (!/^[-a-z0-9]+$/.test(name)) return "it may hold only lower-case letters, digits and '-'";
  if (!/[a-z]/.test(name)) return "it needs at least one letter";
  if (name.startsWith("-") || name.endsWith("-") || name.includes("--")) return "it may not start or end with '-' or hold '--'";
  return null;
}

const MAX_FREE_NAME = 253;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Route, drill and routing-test names are free text, but route names are written into every sidecar's route
 * table and all of them are printed in diagnostics and on the command line (`--drill NAME`): one line, no
 * control characters that could move a terminal's cursor, and a bounded length.
 */
function freeName(path: string, what: string, name: string): Diagnostic[] {
  const problem = name.length === 0 ? "it is empty" : name.length > MAX_FREE_NAME ? `it is ${name.length} characters long (at most ${MAX_FREE_NAME})` : CONTROL.test(name) ? "it holds a control or line-separator character" : null;
  return problem ? [finding("MESH119", path, `${what} ${shown(name)} cannot be used: ${problem}.`)] : [];
}

function label(path: string, what: string, name: string): Diagnostic[] {
  const problem = dnsLabelProblem(name);
  return problem ? [finding("MESH103", path, `${what} '${name}' is not a valid DNS-1123 label: ${problem}.`, { hint: suggestLabel(name) })] : [];
}

/**
 * A service's name is also the name of its Kubernetes Services, which the API server holds to DNS-1035: a
 * DNS-1123 label that starts with a letter. A name such as "1pay" passed the label rule and was refused only
 * when the generated Service was validated (MESH822, in a generated file).
 */
function serviceName(path: string, name: string): Diagnostic[] {
  const labelFindings = label(path, "service name", name);
  if (labelFindings.length || !/^[0-9]/.test(name)) return labelFindings;
  return [finding("MESH103", path, `service name '${name}' cannot name a Kubernetes Service: a Service's name must start with a letter (DNS-1035).`, { hint: `e.g. 's${name}'` })];
}

function suggestLabel(name: string): string | undefined {
  const fixed = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "").slice(0, MAX_LABEL).replace(/-+$/, "");
  return fixed && fixed !== name ? `e.g. '${fixed}'` : undefined;
}

function ports(ports: readonly PortModel[], at: string): Diagnostic[] {
  return ports.flatMap((p) => {
    const problem = portNameProblem(p.name);
    return problem ? [finding("MESH107", child(child(at, "ports"), p.name), `port name '${p.name}' is not a valid Kubernetes port name: ${problem}.`)] : [];
  });
}

/** Reports every later occurrence of a value in a list, with a note at the first. */
function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (item: T, index: number, firstIndex: number) => Diagnostic): Diagnostic[] {
  const first = new Map<string, number>();
  return items.flatMap((item, i) => {
    const k = key(item);
    const seen = first.get(k);
    if (seen === undefined) {
      first.set(k, i);
      return [];
    }
    return [report(item, i, seen)];
  });
}

function service(s: ServiceModel): Diagnostic[] {
  const at = servicePath(s.name);
  const versions = child(at, "versions");
  const out = [...serviceName(at, s.name), ...label(child(at, "namespace"), "namespace", s.namespace)];
  if (s.versions.length === 0) out.push(finding("MESH012", versions, `service '${s.name}' declares no versions; it needs at least one.`));
  s.versions.forEach((v, i) => {
    out.push(...label(child(versions, i), "version", v));
    const workload = `${s.name}-${v}`;
    if (!dnsLabelProblem(s.name) && !dnsLabelProblem(v) && workload.length > MAX_LABEL) {
      out.push(finding("MESH103", child(versions, i), `the workload name '${workload}' (service-version) is ${workload.length} characters long; Kubernetes allows ${MAX_LABEL}.`, { hint: "shorten the service or version name" }));
    }
  });
  out.push(
    ...duplicates(s.versions, (v) => v, (v, i, j) =>
      finding("MESH104", child(versions, i), `service '${s.name}' declares version '${v}' twice.`, { related: [{ path: child(versions, j), message: "first declared here" }] }),
    ),
  );
  const authored = s.routes.filter((r) => !r.implicit);
  out.push(
    ...duplicates(authored, (r) => r.name, (r, _i, j) =>
      finding("MESH105", `${routePath(s.name, r.index)}.name`, `service '${s.name}' has two routes named '${r.name}'.`, {
        related: [{ path: `${routePath(s.name, authored[j]!.index)}.name`, message: "the other route with this name" }],
      }),
    ),
  );
  out.push(...ports(s.ports, at));
  for (const r of authored) out.push(...freeName(`${routePath(s.name, r.index)}.name`, "route name", r.name));
  return out;
}

const serviceFindings = perService(service);

export const nameChecks: Check = {
  name: "names",
  run: (mesh: MeshModel) => [
    ...label("mesh.name", "mesh name", mesh.name),
    ...mesh.services.flatMap(serviceFindings),
    ...duplicates(mesh.zones, (z) => z, (z, i, j) =>
      finding("MESH106", child("mesh.zones", i), `zone '${z}' is listed twice.`, { related: [{ path: child("mesh.zones", j), message: "first listed here" }] }),
    ),
    ...mesh.externals.flatMap((e) => ports(e.ports, child("mesh.external", e.host))),
    ...mesh.drills.flatMap((d) => freeName(drillPath(d.name), "drill name", d.name)),
    ...mesh.tests.flatMap((t) => freeName(child(child(child("mesh", "tests"), t.index), "name"), "routing test name", t.name)),
  ],
};
