// The edge team: traffic from outside the mesh enters through the gateway.
import { service, svc } from "meshc";

export const gateway = service("gateway", {
  namespace: "edge",
  ports: { http: 8080 },
  probes: { port: 8081, path: "/ready" },
  calls: [svc.orders, svc.catalog, svc.accounts, svc.search],
  overload: { maxConnections: 4096, maxPendingRequests: 1024, maxRequests: 8192 },
  rateLimit: { requestsPerSecond: 10000, burst: 2000 },
  replicas: 3,
});

export const search = service("search", {
  namespace: "edge",
  ports: { http: 8080 },
  versions: ["v1", "v2"],
  routes: [
    { name: "canary-by-header", when: { headers: { "x-canary": "true" } }, to: "v2" },
    { name: "weighted-canary", to: { v1: 95, v2: 5 } },
  ],
  timeout: "800ms",
  retries: { attempts: 1, perTryTimeout: "300ms", on: ["connect-failure", "reset", "5xx"] },
  access: { allowFrom: [svc.gateway] },
  calls: [svc.catalog],
});
