// The capture checks (MESH6xx): each finding once, at the path of the offending value, and a clean mesh clean.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { captureChecks } from "../../compiler/checks/capture";
import { meshModel, serviceModel } from "./model-fixture";

const found = (mesh: ReturnType<typeof meshModel>) => captureChecks.run(mesh).map((d) => `${d.code} ${d.path}`);

test("a mesh with sane capture options has no findings", () => {
  const mesh = meshModel("dual", [serviceModel("orders", { excludeInboundPorts: [9000], excludeOutboundCidrs: { ipv4: ["10.0.0.0/8"], ipv6: ["fd00::/8"] }, dns: true })]);
  assert.equal(found(mesh), []);
});

test("ports out of range, reserved ports, include/exclude overlap", () => {
  const mesh = meshModel("ipv6", [
    serviceModel("orders", { includeInboundPorts: [0, 8080, 15006], excludeInboundPorts: [8080, 15090], excludeOutboundPorts: [70000, 1.5] }),
  ]);
  assert.equal(found(mesh), [
    'MESH600 services.orders.capture.includeInboundPorts[="0"]',
    'MESH602 services.orders.capture.includeInboundPorts[="15006"]',
    'MESH603 services.orders.capture.excludeInboundPorts[="15090"]',
    'MESH600 services.orders.capture.excludeOutboundPorts[="70000"]',
    'MESH600 services.orders.capture.excludeOutboundPorts[="1.5"]',
    'MESH604 services.orders.capture.includeInboundPorts[="8080"]',
  ]);
  const overlap = captureChecks.run(mesh).find((d) => d.code === "MESH604")!;
  assert.equal(overlap.related, [{ path: 'services.orders.capture.excludeInboundPorts[="8080"]', message: "8080 is excluded here" }]);
});

test("CIDRs: not canonical, include swallowed by an exclude, a family left uncaptured", () => {
  const mesh = meshModel("dual", [
    serviceModel("orders", {
      excludeOutboundCidrs: { ipv4: ["10.0.0.0/8", "10.0.0.1; reboot"], ipv6: [] },
      includeOutboundCidrs: { ipv4: ["10.1.0.0/16", "192.168.0.0/16"], ipv6: [] },
    }),
  ]);
  assert.equal(found(mesh), [
    'MESH601 services.orders.capture.excludeOutboundCidrs[="10.0.0.1; reboot"]',
    'MESH605 services.orders.capture.includeOutboundCidrs[="10.1.0.0/16"]',
    "MESH607 services.orders.capture.includeOutboundCidrs",
  ]);
});

test("DNS capture with port 53 excluded; TPROXY with nothing to capture", () => {
  const mesh = meshModel("ipv4", [
    serviceModel("a", { dns: true, excludeOutboundPorts: [53] }),
    serviceModel("b", { mode: "tproxy", includeInboundPorts: [8086] }, { probes: { port: 8086, path: "/healthz" } }),
  ]);
  assert.equal(found(mesh), ['MESH606 services.a.capture.excludeOutboundPorts[="53"]', "MESH608 services.b.capture.mode"]);
});

test("a problem of the mesh-wide options is reported once, at mesh.capture, not again per service", () => {
  const bad = { excludeOutboundPorts: [0] };
  const mesh = meshModel("ipv6", [serviceModel("a", bad), serviceModel("b", { ...bad, excludeInboundPorts: [99999] })], bad);
  assert.equal(found(mesh), ['MESH600 mesh.capture.excludeOutboundPorts[="0"]', 'MESH600 services.b.capture.excludeInboundPorts[="99999"]']);
});

test("every finding's code is in the capture range and has a message", () => {
  const mesh = meshModel("dual", [serviceModel("x", { includeInboundPorts: [15001], excludeInboundPorts: [15001], dns: true, excludeOutboundPorts: [53] })]);
  const all = captureChecks.run(mesh);
  assert.ok(all.length >= 3);
  for (const d of all) {
    assert.match(d.code, /^MESH6\d\d$/);
    assert.ok(d.message.length > 10);
  }
});

test.run();
