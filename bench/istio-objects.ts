// Synthetic Istio objects in the output layout (istio/<zone>/<service>.yaml, docs/output-format.md), for timing the
// Istio CRD check at mesh scale: per service a DestinationRule (subsets, connection pool, outlier detection, zone
// failover, ISTIO_MUTUAL), a VirtualService (header match, weights, timeout, retries), a PeerAuthentication, an
// AuthorizationPolicy and a Sidecar. Plain YAML text, as a target writes it; no meshc code is involved.
import { stringify } from "yaml";
import type { Artifact } from "../compiler/api";

function objects(i: number, zone: string): unknown[] {
  const name = `svc-${i}`;
  const ns = `team-${i % 20}`;
  const host = `${name}.${ns}.svc.cluster.local`;
  const meta = (kind: string) => ({ name, namespace: ns, annotations: { "meshc.io/apply-wave": kind === "VirtualService" ? "3" : "1" } });
  const selector = { matchLabels: { app: name } };
  return [
    {
      apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: meta("DestinationRule"),
      spec: {
        host,
        subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }],
        trafficPolicy: {
          connectionPool: { tcp: { maxConnections: 1024 }, http: { http1MaxPendingRequests: 256, http2MaxRequests: 2048 } },
          outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
          loadBalancer: { simple: "ROUND_ROBIN", localityLbSetting: { enabled: true, failover: [{ from: zone, to: "zone-b" }] } },
          tls: { mode: "ISTIO_MUTUAL" },
        },
      },
    },
    {
      apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: meta("VirtualService"),
      spec: {
        hosts: [host],
        http: [
          { name: "gray", match: [{ headers: { "x-account-id": { exact: String(1000 + i) } } }], route: [{ destination: { host, subset: "v2" } }], timeout: "3s", retries: { attempts: 2, perTryTimeout: "1s", retryOn: "connect-failure,reset" } },
          { name: "weights", route: [{ destination: { host, subset: "v1" }, weight: 90 }, { destination: { host, subset: "v2" }, weight: 10 }], timeout: "3s" },
        ],
      },
    },
    { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: meta("PeerAuthentication"), spec: { selector, mtls: { mode: "STRICT" } } },
    {
      apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: meta("AuthorizationPolicy"),
      spec: { selector, action: "ALLOW", rules: [{ from: [{ source: { principals: [`cluster.local/ns/${ns}/sa/svc-${(i + 1) % 1000}`] } }], to: [{ operation: { ports: ["8080"] } }] }] },
    },
    { apiVersion: "networking.istio.io/v1", kind: "Sidecar", metadata: meta("Sidecar"), spec: { workloadSelector: { labels: { app: name } }, egress: [{ hosts: [`${ns}/svc-${(i + 1) % 1000}.${ns}.svc.cluster.local`, "istio-system/*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } } },
  ];
}

/** `services` files of five objects each, in one zone. */
export function istioArtifacts(services: number, zone = "zone-a"): Artifact[] {
  return Array.from({ length: services }, (_, i) => ({ path: `istio/${zone}/svc-${i}.yaml`, content: objects(i, zone).map((o) => stringify(o)).join("---\n") }));
}
