// The proto3 JSON mapping and protoc-gen-validate rules, one small document each.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { envoyIssues } from "../../compiler/validate/envoy";
import { codePoints } from "../../compiler/validate/envoy/pgv-rules";
import type { EnvoyDocumentKind } from "../../compiler/validate/envoy";

const found = (kind: EnvoyDocumentKind, text: string) => envoyIssues(kind, text).map((i) => `${i.code} ${i.path} [${i.rule}]`);

const cluster = (body: string) => `resources:\n- "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n${body.replace(/^/gm, "  ")}\n`;

test("a valid cluster passes; lowerCamel and snake_case names are both accepted", () => {
  assert.equal(found("cds", cluster("name: a\nconnect_timeout: 1s\ntype: STRICT_DNS\ndnsLookupFamily: V6_ONLY")), []);
});

test("an absent required string is checked as its default (PGV on proto3 scalars)", () => {
  assert.equal(found("cds", cluster("connect_timeout: 1s")), ["MESH805 resources[0].name [validate.rules string.min_len = 1]"]);
});

test("duration: format and gt rule", () => {
  assert.equal(found("cds", cluster("name: a\nconnect_timeout: 250ms")), ["MESH802 resources[0].connect_timeout [proto3 JSON: google.protobuf.Duration]"]);
  assert.equal(found("cds", cluster("name: a\nconnect_timeout: 0s")), ["MESH805 resources[0].connect_timeout [validate.rules duration.gt = 0s]"]);
});

test("a oneof set twice fails; so does one field given under both names", () => {
  assert.equal(found("cds", cluster("name: a\ntype: STATIC\ncluster_type: { name: x }")), ["MESH806 resources[0].cluster_type [proto3 JSON: oneof cluster_discovery_type]"]);
  assert.equal(found("cds", cluster("name: a\nlb_policy: RANDOM\nlbPolicy: RANDOM")), ["MESH806 resources[0].lbPolicy [proto3 JSON: field set twice]"]);
});

test("a required oneof left empty fails (validate.required)", () => {
  const text = cluster("name: a\nload_assignment:\n  cluster_name: a\n  endpoints:\n  - lb_endpoints:\n    - endpoint: { address: { socket_address: { address: b } } }");
  assert.equal(found("cds", text), ["MESH805 resources[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_specifier [validate.required (oneof)]"]);
});

test("Envoy reads a plain `yes` as a boolean (yaml-cpp), so a string field given one fails; quoted it passes", () => {
  assert.equal(found("cds", cluster("name: yes")), ["MESH802 resources[0].name [proto3 JSON: string]"]);
  assert.equal(found("cds", cluster('name: "yes"')), []);
});

test("integers: strings are accepted, fractions and out-of-range values are not", () => {
  assert.equal(found("cds", cluster('name: a\nper_connection_buffer_limit_bytes: "1024"')), []);
  assert.equal(found("cds", cluster("name: a\nper_connection_buffer_limit_bytes: 1.5")), ["MESH802 resources[0].per_connection_buffer_limit_bytes [proto3 JSON: google.protobuf.UInt32Value]"]);
  assert.equal(found("cds", cluster("name: a\nper_connection_buffer_limit_bytes: 4294967296")), ["MESH802 resources[0].per_connection_buffer_limit_bytes [proto3 JSON: google.protobuf.UInt32Value]"]);
});

test("an xDS file holding another resource type fails (MESH808)", () => {
  const text = `resources:\n- "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n  name: a\n`;
  assert.equal(found("lds", text), ['MESH808 resources[0]["@type"] [xDS resource type]']);
});

test("a TypedStruct is checked against the message it names", () => {
  const text = cluster(
    "name: a\ntyped_extension_protocol_options:\n  envoy.extensions.upstreams.http.v3.HttpProtocolOptions:\n    \"@type\": type.googleapis.com/xds.type.v3.TypedStruct\n    type_url: type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions\n    value: { explicit_http_config: { http2_protocol_options: {} }, bogus: 1 }",
  );
  assert.equal(found("cds", text), ['MESH801 resources[0].typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].value.bogus [proto3 JSON: unknown field]']);
});

test("repeated: min_items on an absent list; items rules on each element", () => {
  const routes = (domains: string) =>
    `resources:\n- "@type": type.googleapis.com/envoy.config.route.v3.RouteConfiguration\n  name: r\n  virtual_hosts:\n  - name: v\n${domains}`;
  assert.equal(found("rds", routes("")), ["MESH805 resources[0].virtual_hosts[0].domains [validate.rules repeated.min_items = 1]"]);
  assert.equal(found("rds", routes('    domains: ["ok", "bad\\u0000"]\n')), ["MESH805 resources[0].virtual_hosts[0].domains[1] [validate.rules repeated.items.string.well_known_regex = HTTP_HEADER_VALUE]"]);
});

test("a deprecated field is a warning, not an error", () => {
  const issues = envoyIssues("bootstrap", "tracing: {}\n");
  assert.equal(issues.map((i) => [i.code, i.severity, i.path]), [["MESH807", "warning", "tracing"]]);
});

test("unknown keys get a suggestion; YAML syntax errors are MESH800", () => {
  const [issue] = envoyIssues("cds", cluster("name: a\nconnectTimeOut: 1s"));
  assert.match(issue!.message, /did you mean 'connect_timeout'/);
  assert.equal(found("bootstrap", "a: [1, 2\n").map((s) => s.split(" ")[0]), ["MESH800"]);
});

test("a string's length for PGV's len rules is its count of code points, lone surrogates one each, as [...s] counts", () => {
  const surrogates = fc.constantFrom("\ud83d", "\ude00", "\ud83d\ude00", "a", "\u00e9", "");
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.array(surrogates, { maxLength: 8 }).map((parts) => parts.join("")));
  fc.assert(fc.property(text, (s) => codePoints(s) === [...s].length), { numRuns: 5_000 });
});

test.run();
