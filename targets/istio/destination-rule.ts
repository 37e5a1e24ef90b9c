// A service's DestinationRule: a subset per version (what VirtualService routes name), and the traffic policy
// the callers' sidecars apply towards it — the overload limits as the connection pool, outlier ejection, mTLS
// with Istio's own certificates, and locality load balancing.
// https://istio.io/latest/docs/reference/config/networking/destination-rule/
import type { MeshModel, OverloadModel, ServiceModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioDuration } from "./duration";
import { istioObject, type IstioObject } from "./object-meta";
import { VERSION_LABEL } from "./workload-labels";

/** Envoy's circuit breakers, named Istio's way (http1MaxPendingRequests is Envoy's max_pending_requests for every protocol). */
function connectionPool(o: OverloadModel): object {
  return {
    tcp: { maxConnections: o.maxConnections, connectTimeout: istioDuration(o.connectTimeoutMs) },
    http: { http1MaxPendingRequests: o.maxPendingRequests, http2MaxRequests: o.maxRequests, maxRetries: o.maxRetries },
  };
}

/**
 * Outlier ejection from the policy; for a service that fails over by zone without one, an ejection that never
 * ejects. Istio applies locality failover only to a cluster with outlier detection ("Failover should only be
 * applied with outlier detection, or traffic will never failover": pilot's applyLocalityLoadBalancer); without
 * it every zone shares one priority and traffic spreads across zones. consecutive5xxErrors: 0 turns 5xx
 * ejection off (Istio then sets Envoy's enforcing_consecutive_5xx to 0; gateway and success-rate ejection are
 * off by default), so, as with the Envoy target, traffic leaves the caller's zone only when it has no endpoint.
 */
function outlierDetection(service: ServiceModel): object | undefined {
  const o = service.overload.outlier;
  if (o) {
    return { consecutive5xxErrors: o.consecutive5xx, interval: istioDuration(o.intervalMs), baseEjectionTime: istioDuration(o.baseEjectionMs), maxEjectionPercent: o.maxEjectionPercent };
  }
  return service.failover === "zone" ? { consecutive5xxErrors: 0 } : undefined;
}

/**
 * Zone failover: Istio's locality priorities (the caller's zone first, then the rest of its region), which need
 * outlier detection. `failover: "none"` turns locality load balancing off, so every zone shares the load, like
 * the Envoy target's single priority. Not expressible: the mesh's zone order among the other zones (Envoy gets
 * one priority per zone; Istio gives the rest of the region one priority) — docs/istio.md says so.
 */
function loadBalancer(service: ServiceModel): object {
  return { localityLbSetting: { enabled: service.failover === "zone" } };
}

/** Callers speak mTLS to the service unless it disables it (permissive accepts both): as targets/envoy/tls.ts. */
function tls(service: ServiceModel): object {
  return { mode: service.access.mtls === "disable" ? "DISABLE" : "ISTIO_MUTUAL" };
}

export function destinationRule(mesh: MeshModel, level: ApiLevel, service: ServiceModel): IstioObject {
  const outlier = outlierDetection(service);
  return istioObject(level, "DestinationRule", mesh.name, service.name, service.namespace, {
    host: service.host,
    subsets: service.versions.map((version) => ({ name: version, labels: { [VERSION_LABEL]: version } })),
    trafficPolicy: {
      connectionPool: connectionPool(service.overload),
      ...(outlier ? { outlierDetection: outlier } : {}),
      loadBalancer: loadBalancer(service),
      tls: tls(service),
    },
  });
}
