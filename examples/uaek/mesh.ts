// The uaek mesh: pure IPv6, three availability zones, three teams.
import { defineMesh, svc } from "meshc";
import * as edge from "./teams/edge";
import * as finance from "./teams/finance";
import * as shop from "./teams/shop";

export default defineMesh({
  name: "uaek",
  ipFamily: "ipv6",
  zones: ["cn-bj2-02", "cn-bj2-03", "cn-bj2-05"],
  defaults: {
    mtls: "strict",
    timeout: "3s",
    retries: { attempts: 2, on: ["connect-failure", "reset"] },
  },
  telemetry: {
    tracing: { provider: "zipkin", address: "zipkin.observability:9411", samplePercent: 1 },
    accessLog: "json",
    metrics: "prometheus",
  },
  services: [edge, shop, finance],
  external: { "pay.example.com": { ports: { https: 443 } } },
  outbound: "registry-only",
  capture: { excludeOutboundCidrs: ["fd00:10:0:1::/64"] }, // the node network: kubelet and metadata bypass the sidecar
  drills: {
    // zones are the callers' zones: orders in cn-bj2-03 sees inventory slow, wherever its requests fail over to.
    "inventory-slow": { target: svc.inventory, delay: { fixed: "2s", percent: 50 }, zones: ["cn-bj2-03"] },
    "payments-flaky": { target: svc.payments, from: [svc.orders], abort: { status: 503, percent: 10 } },
  },
  tests: [
    { request: { from: svc.gateway, to: svc.orders, headers: { "x-account-id": "1001" } }, expect: { version: "v2" } },
    { request: { from: svc.gateway, to: svc.orders, headers: { "x-account-id": "2001" } }, expect: { split: { v1: 90, v2: 10 } } },
    { request: { from: svc.gateway, to: svc.search }, expect: { split: { v1: 95, v2: 5 } } },
    { request: { from: svc.gateway, to: svc.search, headers: { "x-canary": "true" } }, expect: { version: "v2" } },
    { request: { from: svc.gateway, to: svc.orders, path: "/api/cart", headers: { "x-preview": "1" } }, expect: { version: "v2" } },
    { request: { from: svc.gateway, to: svc.catalog, headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)" } }, expect: { version: "v2" } },
    { request: { from: svc.orders, to: svc.payments, method: "POST", headers: { "x-account-id": "9001" } }, expect: { version: "v2" } },
    { request: { from: svc.orders, to: svc.payments, method: "GET", headers: { "x-account-id": "9001" } }, expect: { version: "v1" } },
  ],
});
