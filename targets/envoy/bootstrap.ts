// The bootstrap: who this sidecar is (node id, cluster, locality), the admin interface on loopback, the
// telemetry plumbing (Prometheus listener, tracing collector), and where listeners and clusters come from:
// files in a watched folder, read again whenever the mounted ConfigMap changes. No control plane.
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/config_source.proto#config-core-v3-pathconfigsource
// (bootstrap-xds.ts is the same sidecar taking its listeners and clusters from the zone's `meshc serve`.)
import type { MeshModel, Workload } from "../../compiler/model";
import { adminLoopback, socketAddress } from "./address";
import { CDS_FILE, ENVOY_CONFIG_DIR as CONFIG_DIR, LDS_FILE } from "../sidecar-layout";
import { ADMIN_PORT } from "./sidecar";
import { prometheusCluster, prometheusListener } from "./stats-listener";
import { tracingCluster } from "./tracing";

function fileSource(file: string): object {
  return { path_config_source: { path: `${CONFIG_DIR}/${file}`, watched_directory: { path: CONFIG_DIR } }, resource_api_version: "V3" };
}

/**
 * The node. `id` names the (workload, zone) config; the kubernetes target may override it per pod with
 * Envoy's --service-node. `cluster` is the service name, which Zipkin shows as the span's service. `meshc
 * serve` identifies a sidecar by its metadata (namespace, service, version) and locality zone.
 */
export function node(mesh: MeshModel, workload: Workload, zone: string): object {
  return {
    id: `${workload.name}.${workload.service.namespace}.${zone}`,
    cluster: workload.service.name,
    locality: { zone },
    metadata: { mesh: mesh.name, namespace: workload.service.namespace, service: workload.service.name, version: workload.version },
  };
}

/** Node, admin and telemetry: what both bootstraps (files and xDS) hold. */
export function bootstrapBase(mesh: MeshModel, workload: Workload, zone: string): { node: object; admin: object; listeners: object[]; clusters: object[] } {
  const prometheus = mesh.telemetry.metrics === "prometheus";
  const tracing = tracingCluster(mesh);
  return {
    node: node(mesh, workload, zone),
    admin: { address: socketAddress(adminLoopback(mesh), ADMIN_PORT) },
    listeners: prometheus ? [prometheusListener(mesh)] : [],
    clusters: [...(prometheus ? [prometheusCluster(mesh)] : []), ...(tracing ? [tracing] : [])],
  };
}

export function bootstrap(mesh: MeshModel, workload: Workload, zone: string): object {
  const base = bootstrapBase(mesh, workload, zone);
  return {
    node: base.node,
    admin: base.admin,
    static_resources: { listeners: base.listeners, clusters: base.clusters },
    dynamic_resources: { lds_config: fileSource(LDS_FILE), cds_config: fileSource(CDS_FILE) },
  };
}
