// The shop team: ordering, stock, catalogue and pricing.
import { service, svc } from "meshc";

/** Accounts in the gray release of orders v2. */
const grayAccounts = ["1001", "1002", "1003"];

export const orders = service("orders", {
  namespace: "shop",
  ports: { http: 8080, grpc: 9090 },
  versions: ["v1", "v2"],
  routes: [
    { name: "gray-accounts", when: { headers: { "x-account-id": grayAccounts } }, to: "v2" },
    { name: "internal-preview", when: { headers: { "x-preview": { present: true } }, path: { prefix: "/api/" } }, to: "v2" },
    { name: "weighted", to: { v1: 90, v2: 10 } },
  ],
  timeout: "2s",
  retries: { attempts: 2, perTryTimeout: "500ms", on: ["connect-failure", "reset", "unavailable"] },
  overload: {
    maxConnections: 1024, maxPendingRequests: 256, maxRequests: 2048,
    eject: { consecutive5xx: 5, interval: "10s", baseTime: "30s", maxPercent: 50 },
  },
  rateLimit: { requestsPerSecond: 2000, burst: 400 },
  access: { allowFrom: [svc.gateway] },
  calls: [svc.inventory, svc.pricing, svc.payments, svc.accounts],
  failover: "zone",
  probes: { port: 8081 },
});

export const inventory = service("inventory", {
  namespace: "shop",
  ports: { grpc: 9090 },
  overload: { maxConnections: 512, maxRequests: 1024, eject: { consecutive5xx: 3, interval: "5s", baseTime: "15s", maxPercent: 50 } },
  access: { allowFrom: [svc.orders] },
  capture: { excludeOutboundCidrs: ["fd00:10:96::/112"] },
});

export const catalog = service("catalog", {
  namespace: "shop",
  ports: { http: 8080 },
  versions: ["v1", "v2"],
  routes: [
    { name: "mobile-clients", when: { headers: { "user-agent": { regex: ".*(Android|iPhone).*" } } }, to: "v2" },
    { to: "v1", mirror: { to: svc.catalog, version: "v2", percent: 5 } },
  ],
  access: { allowFrom: [svc.gateway, svc.search] },
  timeout: "1s",
});

export const pricing = service("pricing", {
  namespace: "shop",
  ports: { grpc: 9090 },
  access: { allowFrom: [svc.orders] },
  rateLimit: { requestsPerSecond: 5000 },
});
