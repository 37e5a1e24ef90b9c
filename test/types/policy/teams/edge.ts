// The edge team of the type-test policy. Each `// @ts-expect-error TSnnnn <reason>` names the code its next
// line must produce: test/types/types.test.ts fails when a directive is unused (TS2578) and, with every
// directive removed, expects exactly these codes on exactly these lines.
import { service, svc } from "meshc";

export const gateway = service("gateway", {
  namespace: "edge",
  ports: { http: 8080 },
  calls: [svc.orders, svc["order-history"], svc.web],
});

export const web = service("web", {
  namespace: "edge",
  ports: { http: 8080 },
  access: {
    allowFrom: [
      svc.gateway,
      // @ts-expect-error TS2551 misspelled service in access.allowFrom
      svc.gatway,
    ],
  },
  calls: [
    svc.orders,
    // @ts-expect-error TS2339 a service that is not in the mesh at all, in calls
    svc.billing,
  ],
});
