// The type-test policy's entry: drills and routing tests refer to services and zones.
// Each `// @ts-expect-error TSnnnn <reason>` names the code its next line must produce (see teams/edge.ts).
import { defineMesh, svc } from "meshc";
import * as edge from "./teams/edge";
import * as shop from "./teams/shop";

export default defineMesh({
  name: "types",
  ipFamily: "ipv6",
  zones: ["zone-a", "zone-b", "zone-c"],
  services: [edge, shop],
  drills: {
    "inventory-slow": {
      target: svc.inventory,
      from: [svc.orders],
      delay: { fixed: "2s", percent: 50 },
      zones: ["zone-b", "zone-c"],
    },
    "target-typo": {
      // @ts-expect-error TS2551 misspelled service in a drill's target
      target: svc.inventroy,
      abort: { status: 503 },
    },
    "from-typo": {
      target: svc.inventory,
      // @ts-expect-error TS2551 misspelled service in a drill's from
      from: [svc.ordres],
      abort: { status: 503, percent: 10 },
    },
    "zone-typo": {
      target: svc.inventory,
      // @ts-expect-error TS2820 a zone the mesh does not declare
      zones: ["zone-d"],
    },
  },
  tests: [
    { request: { from: svc.gateway, to: svc.orders, headers: { "x-account-id": "1001" } }, expect: { version: "v2" } },
    { request: { to: svc["order-history"], headers: { "x-preview": "1" } }, expect: { version: "v2" } },
    {
      // @ts-expect-error TS2551 misspelled service in a routing test's request.to
      request: { from: svc.gateway, to: svc.ordrs },
      expect: { version: "v1" },
    },
    {
      // @ts-expect-error TS2551 misspelled service in a routing test's request.from
      request: { from: svc.gatewy, to: svc.orders },
      expect: { version: "v1" },
    },
  ],
});
