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
    { request: { from: svc.gateway, to: svc.orders }, expect: { split: { v1: 90, v2: 10 } } },
    { request: { to: svc.inventory }, expect: { split: { v1: 100 } } },
    {
      request: { from: svc.gateway, to: svc.orders },
      // @ts-expect-error TS2322 expect.version names a version the called service does not declare
      expect: { version: "v3" },
    },
    {
      request: { to: svc.inventory },
      // @ts-expect-error TS2322 expect.version of inventory, whose only version is v1: typed per test, not by any service
      expect: { version: "v2" },
    },
    {
      request: { from: svc.gateway, to: svc.orders },
      // @ts-expect-error TS2353 expect.split names a version the called service does not declare
      expect: { split: { v1: 90, v3: 10 } },
    },
    {
      request: { from: svc.gateway, to: svc.orders },
      // @ts-expect-error TS2322 expect gives both version and split
      expect: { version: "v1", split: { v1: 100 } },
    },
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
