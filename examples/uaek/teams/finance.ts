// The finance team: payments, accounts and the ledger.
import { service, svc } from "meshc";

export const payments = service("payments", {
  namespace: "finance",
  ports: { http: 8080 },
  versions: ["v1", "v2"],
  routes: [
    { name: "beta-merchants", when: { headers: { "x-account-id": { regex: "9[0-9]{3}" } }, method: ["POST", "PUT"] }, to: "v2" },
    { to: "v1" },
  ],
  timeout: "5s",
  retries: { attempts: 3, perTryTimeout: "1s", on: ["connect-failure", "refused-stream"] },
  overload: { maxConnections: 256, maxPendingRequests: 64, eject: { consecutive5xx: 3 } },
  access: { allowFrom: [svc.orders], mtls: "strict" },
  calls: [svc.ledger],
});

export const accounts = service("accounts", {
  namespace: "finance",
  ports: { http: 8080, grpc: 9090 },
  access: { allowFrom: [svc.gateway, svc.orders] },
  rateLimit: { requestsPerSecond: 3000, burst: 600 },
});

export const ledger = service("ledger", {
  namespace: "finance",
  ports: { "tcp-ledger": 7000 },
  access: { allowFrom: [svc.payments] },
  capture: { excludeOutboundPorts: [5432] },
});
