// What each service's sidecars may reach: the services it calls (and those their routes mirror to), the
// external hosts the mesh declares, and the tracing collector, so a sidecar's config grows with its
// dependencies, not with the mesh (as the Envoy target scopes it: targets/envoy/scope.ts). The outbound policy
// applies to everything else: REGISTRY_ONLY closes it, ALLOW_ANY passes it through.
// https://istio.io/latest/docs/reference/config/networking/sidecar/
import { type MeshModel, serviceByName, type ServiceModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioObject, type IstioObject } from "./object-meta";
import { APP_LABEL } from "./workload-labels";

/** Istio's "no namespace" selector: an egress listener with only this host admits no service. */
const NOTHING = "~/*";
const SAME_NAMESPACE = "./*";
const CLUSTER_DOMAIN = "svc.cluster.local";

export function outboundMode(mesh: MeshModel): "REGISTRY_ONLY" | "ALLOW_ANY" {
  return mesh.outbound === "registry-only" ? "REGISTRY_ONLY" : "ALLOW_ANY";
}

function serviceHost(s: ServiceModel): string {
  return `${s.namespace}/${s.host}`;
}

/** The collector's egress host: `name.namespace` is a Kubernetes Service; an IP literal needs none. */
function collectorHost(mesh: MeshModel): string[] {
  const host = mesh.telemetry.tracing?.host;
  if (!host || /^[0-9.]+$|:/.test(host)) return [];
  const labels = host.split(".");
  if (labels.length === 2) return [`${labels[1]}/${host}.${CLUSTER_DOMAIN}`];
  return [`*/${host}`];
}

export function egressHosts(mesh: MeshModel, service: ServiceModel): string[] {
  const called = service.calls.flatMap((name) => serviceByName(mesh, name) ?? []);
  const mirrored = called.flatMap((s) => s.routes.flatMap((r) => (r.mirror ? serviceByName(mesh, r.mirror.service) ?? [] : [])));
  const hosts = [...called, ...mirrored].map(serviceHost);
  const externals = mesh.externals.map((e) => `*/${e.host}`);
  const all = [...new Set([...hosts, ...externals, ...collectorHost(mesh)])].sort();
  return all.length ? all : [NOTHING];
}

export function sidecar(mesh: MeshModel, level: ApiLevel, service: ServiceModel): IstioObject {
  return istioObject(level, "Sidecar", mesh.name, service.name, service.namespace, {
    workloadSelector: { labels: { [APP_LABEL]: service.name } },
    egress: [{ hosts: egressHosts(mesh, service) }],
    outboundTrafficPolicy: { mode: outboundMode(mesh) },
  });
}

/**
 * The default Sidecar of a namespace that holds meshc services, for its other workloads (jobs, tools): its own
 * namespace and the mesh's external hosts, under the mesh's outbound policy. Per namespace, not in Istio's
 * root namespace, where it would become the default of every namespace of the cluster.
 */
export function namespaceSidecar(mesh: MeshModel, level: ApiLevel, namespace: string): IstioObject {
  const hosts = [SAME_NAMESPACE, ...mesh.externals.map((e) => `*/${e.host}`)];
  return istioObject(level, "Sidecar", mesh.name, "default", namespace, {
    egress: [{ hosts: [...new Set(hosts)].sort() }],
    outboundTrafficPolicy: { mode: outboundMode(mesh) },
  });
}
