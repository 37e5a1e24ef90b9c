// Clusters: one per (called service, version, port), the app's inbound clusters on loopback, and the cluster
// the outbound policy sends unknown destinations to.
import type { MeshModel, PortModel, ServiceModel } from "../../compiler/model";
import { appLoopback, dnsLookupFamily, socketAddress } from "./address";
import { circuitBreakers } from "./circuit-breakers";
import { adsSource } from "./http-connection-manager";
import { loadAssignment } from "./locality";
import { BLACKHOLE_CLUSTER, inboundClusterName, outboundClusterName, PASSTHROUGH_CLUSTER } from "./names";
import { outlierDetection, panicThreshold, SUCCESS_RATE_DEFAULTS } from "./outlier-detection";
import { http2ProtocolOptions, speaksHttp2 } from "./protocol-options";
import { callersUseTls, upstreamTls } from "./tls";
import { duration } from "./typed-config";

/** Connecting to the app on loopback is immediate or not at all. */
const INBOUND_CONNECT_TIMEOUT_MS = 250;
const PASSTHROUGH_CONNECT_TIMEOUT_MS = 1000;
const H2_ALPN = ["h2"];
const HTTP1_ALPN: readonly string[] = [];

/**
 * How an outbound cluster finds its endpoints: `dns` resolves the zones' headless Services itself (files);
 * `eds` gets them over ADS (xDS delivery). `client: "grpc"` is for gRPC's xDS client: no transport socket
 * (it takes certificates only from its own certificate providers and rejects a cluster naming files), and
 * outlier detection with its success-rate defaults written out (outlier-detection.ts says why).
 */
export interface OutboundEndpoints {
  readonly source: "dns" | "eds";
  readonly client: "envoy" | "grpc";
}

const FILE_ENDPOINTS: OutboundEndpoints = { source: "dns", client: "envoy" };

/** The cluster for one version of a called service on one of its ports, with the callee's overload policy. */
export function outboundCluster(mesh: MeshModel, service: ServiceModel, version: string, port: PortModel, ownZone: string, endpoints: OutboundEndpoints = FILE_ENDPOINTS): object {
  const name = outboundClusterName(service, version, port.port);
  const h2 = speaksHttp2(port.protocol);
  const outlier = service.overload.outlier;
  const grpc = endpoints.client === "grpc";
  const discovery =
    endpoints.source === "dns"
      ? { type: "STRICT_DNS", dns_lookup_family: dnsLookupFamily(mesh), load_assignment: loadAssignment(name, mesh, service, version, port.port, ownZone) }
      : { type: "EDS", eds_cluster_config: { eds_config: adsSource(), service_name: name } };
  return {
    name,
    connect_timeout: duration(service.overload.connectTimeoutMs),
    circuit_breakers: circuitBreakers(service.overload),
    ...(outlier ? { outlier_detection: { ...outlierDetection(outlier), ...(grpc ? SUCCESS_RATE_DEFAULTS : {}) }, common_lb_config: panicThreshold(outlier) } : {}),
    ...(h2 ? http2ProtocolOptions() : {}),
    ...(!grpc && callersUseTls(service) ? upstreamTls(service, h2 ? H2_ALPN : HTTP1_ALPN) : {}),
    ...discovery,
  };
}

/** An external host the mesh may reach, resolved by DNS (or its fixed addresses). */
export function externalCluster(mesh: MeshModel, name: string, host: string, addresses: readonly string[], port: number): object {
  const targets = addresses.length ? addresses : [host];
  return {
    name,
    type: addresses.length ? "STATIC" : "STRICT_DNS",
    connect_timeout: duration(PASSTHROUGH_CONNECT_TIMEOUT_MS),
    ...(addresses.length ? {} : { dns_lookup_family: dnsLookupFamily(mesh) }),
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: targets.map((t) => ({ endpoint: { address: socketAddress(t, port) } })) }] },
  };
}

/** The app itself, on loopback: where the inbound listener delivers traffic after the sidecar's checks. */
export function inboundCluster(mesh: MeshModel, port: PortModel): object {
  const name = inboundClusterName(port.port);
  return {
    name,
    type: "STATIC",
    connect_timeout: duration(INBOUND_CONNECT_TIMEOUT_MS),
    ...(speaksHttp2(port.protocol) ? http2ProtocolOptions() : {}),
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(appLoopback(mesh), port.port) } }] }] },
  };
}

/** allow-any: the original destination the app dialled (restored by the original_dst listener filter). */
export function passthroughCluster(): object {
  return { name: PASSTHROUGH_CLUSTER, type: "ORIGINAL_DST", lb_policy: "CLUSTER_PROVIDED", connect_timeout: duration(PASSTHROUGH_CONNECT_TIMEOUT_MS) };
}

/** registry-only: a cluster with no endpoints, so connections to unknown destinations are closed. */
export function blackholeCluster(): object {
  return { name: BLACKHOLE_CLUSTER, type: "STATIC", connect_timeout: duration(PASSTHROUGH_CONNECT_TIMEOUT_MS) };
}
