// Addresses and DNS by IP family: an IPv6-only mesh has no IPv4 listener, loopback or A-record lookup; an IPv4
// mesh no IPv6; a dual-stack mesh listens on both through additional_addresses and resolves both.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { validateEnvoyArtifacts } from "../../compiler/validate/envoy";
import { buildAll, cluster, type Doc, listener, sidecar } from "./generated-config";
import { twoServices } from "./model-fixture";

const IPV4_LITERAL = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/;

function allAddresses(files: ReturnType<typeof sidecar>): string[] {
  const out: string[] = [];
  const walk = (v: Doc) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      if (v.socket_address) out.push(v.socket_address.address);
      Object.values(v).forEach(walk);
    }
  };
  walk([files.bootstrap, files.listeners, files.clusters]);
  return out;
}

test("IPv6-only: no IPv4 address anywhere, V6_ONLY lookups, :: listeners, ::1 admin and app", () => {
  const files = sidecar(twoServices("ipv6"), "a-v1", "z1");
  assert.not.ok(allAddresses(files).some((a) => IPV4_LITERAL.test(a)), allAddresses(files).join(" "));
  for (const text of Object.values(files.text)) assert.not.ok(/0\.0\.0\.0|127\.0\.0\.1|V4_ONLY|V4_PREFERRED|dns_lookup_family: ALL/.test(text));
  for (const name of ["outbound", "inbound"]) {
    const l = listener(files, name);
    assert.equal(l.address.socket_address.address, "::");
    assert.is(l.additional_addresses, undefined);
  }
  assert.ok(files.clusters.filter((c: Doc) => c.type === "STRICT_DNS").every((c: Doc) => c.dns_lookup_family === "V6_ONLY"));
  assert.is(files.bootstrap.admin.address.socket_address.address, "::1");
  assert.is(cluster(files, "inbound|8080").load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address, "::1");
});

test("IPv4-only: 0.0.0.0 listeners, V4_ONLY lookups, 127.0.0.1 admin", () => {
  const files = sidecar(twoServices("ipv4"), "a-v1", "z1");
  assert.not.ok(allAddresses(files).some((a) => a.includes(":")));
  assert.is(listener(files, "outbound").address.socket_address.address, "0.0.0.0");
  assert.ok(files.clusters.filter((c: Doc) => c.type === "STRICT_DNS").every((c: Doc) => c.dns_lookup_family === "V4_ONLY"));
  assert.is(files.bootstrap.admin.address.socket_address.address, "127.0.0.1");
});

test("dual-stack: one listener per direction on :: with 0.0.0.0 as an additional address; both record types", () => {
  const files = sidecar(twoServices("dual"), "a-v1", "z1");
  for (const name of ["outbound", "inbound"]) {
    const l = listener(files, name);
    assert.equal(l.address.socket_address.address, "::");
    assert.equal(l.additional_addresses, [{ address: { socket_address: { address: "0.0.0.0", port_value: l.address.socket_address.port_value } } }]);
  }
  assert.ok(files.clusters.filter((c: Doc) => c.type === "STRICT_DNS").every((c: Doc) => c.dns_lookup_family === "ALL"));
});

test("the outbound listener captures with use_original_dst and the original_dst listener filter", () => {
  const l = listener(sidecar(twoServices("ipv6"), "a-v1", "z1"), "outbound");
  assert.equal(l.address.socket_address.port_value, 15001);
  assert.is(l.use_original_dst, true);
  assert.is(l.listener_filters[0].name, "envoy.filters.listener.original_dst");
  assert.is(listener(sidecar(twoServices("ipv6"), "a-v1", "z1"), "inbound").address.socket_address.port_value, 15006);
});

test("scoping in a small mesh: a calls b only, so a's sidecar has no cluster of c; c's sidecar has no outbound cluster", () => {
  const a = sidecar(twoServices("ipv6"), "a-v1", "z1");
  assert.equal(a.clusters.map((c: Doc) => c.name).filter((n: string) => n.startsWith("outbound|")), ["outbound|9090|v1|b.ns.svc.cluster.local"]);
  assert.equal(sidecar(twoServices("ipv6"), "c-v1", "z1").clusters.map((c: Doc) => c.name).filter((n: string) => n.startsWith("outbound|")), []);
});

test("every family's documents pass validation against Envoy's protos", () => {
  for (const family of ["ipv4", "ipv6", "dual"] as const) {
    const artifacts = [...buildAll(twoServices(family)).entries()].map(([path, content]) => ({ path, content }));
    assert.equal(validateEnvoyArtifacts(artifacts).map((d) => d.message), [], family);
  }
});

test.run();
