// The shop team of the type-test policy: the correct forms next to the mistakes the DSL must reject.
// Each `// @ts-expect-error TSnnnn <reason>` names the code its next line must produce (see edge.ts).
import { service, svc } from "meshc";

export const orders = service("orders", {
  namespace: "shop",
  ports: { http: 8080, grpc: 9090 },
  versions: ["v1", "v2"],
  routes: [
    { name: "gray-accounts", when: { headers: { "x-account-id": ["1001", "1002"] } }, to: "v2" },
    { name: "canary", to: { v1: 90, v2: 10 } },
    { name: "shadow", to: "v1", mirror: { to: svc["order-history"], version: "v2", percent: 5 } },
    // @ts-expect-error TS2322 version "v3" is not declared by orders (single destination)
    { to: "v3" },
    {
      // @ts-expect-error TS2353 version "v3" is not declared by orders (weighted destination)
      to: { v1: 50, v3: 50 },
    },
    {
      to: "v1",
      mirror: {
        // @ts-expect-error TS2551 misspelled service in mirror.to
        to: svc.invetory,
      },
    },
  ],
  access: { allowFrom: [svc.gateway, svc.web] },
  calls: [
    svc.inventory,
    svc["order-history"],
    // @ts-expect-error TS2551 misspelled service in calls
    svc.inventroy,
    // @ts-expect-error TS2551 misspelled quoted service name in calls
    svc["order-histroy"],
  ],
});

export const inventory = service("inventory", {
  namespace: "shop",
  ports: { grpc: 9090 },
  access: { allowFrom: [svc.orders] },
});

export const orderHistory = service("order-history", {
  namespace: "shop",
  ports: { http: 8080 },
  versions: ["v1", "v2"],
  routes: [{ when: { headers: { "x-preview": { present: true } } }, to: "v2" }, { to: "v1" }],
  access: { allowFrom: [svc.gateway, svc.orders] },
});

/** No `versions`: the service has the single version "v1". */
export const legacy = service("legacy", {
  namespace: "shop",
  ports: { http: 8080 },
  routes: [
    { to: "v1" },
    // @ts-expect-error TS2322 a service without `versions` has only "v1"
    { to: "v2" },
  ],
});
