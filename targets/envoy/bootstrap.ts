// The bootstrap: who this sidecar is (node id, cluster, locality), the admin interface on loopback, the
// readiness listener on the health port, the telemetry plumbing (Prometheus listener, tracing collector), and
// where listeners and clusters come from: files in a watched folder, read again whenever the mounted ConfigMap changes. No control plane.
// https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/config_source.proto#config-core-v3-pathconfigsource
// (bootstrap-xds.ts is the same sidecar taking its listeners and clusters from the zone's `meshc serve`.)
import type { MeshModel, Workload } from "../../compiler/model";
import { adminLoopback, socketAddress } from "./address";
import { CDS_FILE, ENVOY_CONFIG_DIR as CONFIG_DIR, LDS_FILE, sidecarNodeId } from "../sidecar-layout";
import { adminCluster, healthListener } from "./health-listener";
import { ADMIN_PORT } from "./sidecar";
import { prometheusCluster, prometheusListener } from "./stats-listener";
import { tracingCluster } from "./tracing";

function fileSource(file: string): object {
  return { path_config_source: { path: `${CONFIG_DIR}/${file}`, watched_directory: { path: CONFIG_DIR } }, resource_api_version: "V3" };
}

/**
 * The node of one sidecar. `id` names the (workload, zone) config and is the key `meshc serve` looks a sidecar
 * up by, with its metadata (namespace, service, version) and locality zone; `cluster` is the service name,
 * which Zipkin shows as the span's service. This is the reference: the written bootstrap is `folderNode`, and
 * Envoy's command line (envoyArgs) brings it back to this, as test/envoy/effective-config.test.ts proves.
 */
export function node(mesh: MeshModel, workload: Workload, zone: string): object {
  return {
    id: sidecarNodeId({ service: workload.service.name, version: workload.version, namespace: workload.service.namespace, zone }),
    cluster: workload.service.name,
    locality: { zone },
    metadata: { mesh: mesh.name, namespace: workload.service.namespace, service: workload.service.name, version: workload.version },
  };
}

/**
 * The node of the bootstrap the folders share: the reference without anything a pod's command line brings
 * (envoyArgs: `id`, `cluster`, `locality.zone`, and `metadata.namespace`, `service`, `version`). So the file
 * names no service: every folder's `bootstrap.yaml` is the same text across the mesh (`bootstrap-xds.yaml`
 * across a zone, which names its server), and the write keeps one inode of it (issue 19).
 */
export function folderNode(mesh: MeshModel): object {
  return { metadata: { mesh: mesh.name } };
}

/** Whose node a bootstrap carries: one sidecar's (the reference), or its folder's, shared by the versions. */
export type NodeScope = "sidecar" | "folder";

/** Node, admin and telemetry: what both bootstraps (files and xDS) hold. */
export function bootstrapBase(mesh: MeshModel, workload: Workload, zone: string, scope: NodeScope): { node: object; admin: object; listeners: object[]; clusters: object[] } {
  const prometheus = mesh.telemetry.metrics === "prometheus";
  const tracing = tracingCluster(mesh);
  return {
    node: scope === "sidecar" ? node(mesh, workload, zone) : folderNode(mesh),
    admin: { address: socketAddress(adminLoopback(mesh), ADMIN_PORT) },
    listeners: [healthListener(mesh), ...(prometheus ? [prometheusListener(mesh)] : [])],
    clusters: [adminCluster(mesh), ...(prometheus ? [prometheusCluster(mesh)] : []), ...(tracing ? [tracing] : [])],
  };
}

export function bootstrap(mesh: MeshModel, workload: Workload, zone: string, scope: NodeScope = "sidecar"): object {
  const base = bootstrapBase(mesh, workload, zone, scope);
  return {
    node: base.node,
    admin: base.admin,
    static_resources: { listeners: base.listeners, clusters: base.clusters },
    dynamic_resources: { lds_config: fileSource(LDS_FILE), cds_config: fileSource(CDS_FILE) },
  };
}
