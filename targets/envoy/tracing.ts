// Distributed tracing from the telemetry policy. The provider is configured per HTTP connection manager (the
// bootstrap-level `tracing` field is deprecated in Envoy v3); the collector is a cluster in the bootstrap, so
// every sidecar can reach it whatever its own scope.
import type { MeshModel, TracingModel } from "../../compiler/model";
import { dnsLookupFamily, socketAddress } from "./address";
import { TRACING_CLUSTER } from "./names";
import { http2ProtocolOptions } from "./protocol-options";
import { duration, extension } from "./typed-config";

const ZIPKIN_ENDPOINT = "/api/v2/spans";
const COLLECTOR_CONNECT_TIMEOUT_MS = 1000;

function provider(t: TracingModel): object {
  if (t.provider === "zipkin") {
    return extension("envoy.tracers.zipkin", "envoy.config.trace.v3.ZipkinConfig", {
      collector_cluster: TRACING_CLUSTER,
      collector_endpoint: ZIPKIN_ENDPOINT,
      collector_endpoint_version: "HTTP_JSON",
      shared_span_context: false,
    });
  }
  return extension("envoy.tracers.opentelemetry", "envoy.config.trace.v3.OpenTelemetryConfig", {
    grpc_service: { envoy_grpc: { cluster_name: TRACING_CLUSTER } },
  });
}

/** The `tracing` block of an HTTP connection manager, or undefined when tracing is off. */
export function hcmTracing(mesh: MeshModel): object | undefined {
  const t = mesh.telemetry.tracing;
  if (!t) return undefined;
  return { random_sampling: { value: t.samplePercent }, provider: provider(t) };
}

/** The collector's cluster (OpenTelemetry speaks gRPC, so HTTP/2). */
export function tracingCluster(mesh: MeshModel): object | undefined {
  const t = mesh.telemetry.tracing;
  if (!t) return undefined;
  return {
    name: TRACING_CLUSTER,
    type: "STRICT_DNS",
    connect_timeout: duration(COLLECTOR_CONNECT_TIMEOUT_MS),
    dns_lookup_family: dnsLookupFamily(mesh),
    load_assignment: { cluster_name: TRACING_CLUSTER, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(t.host, t.port) } }] }] },
    ...(t.provider === "opentelemetry" ? http2ProtocolOptions() : {}),
  };
}
