// What the generated config for the example means, read back from the YAML the target writes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { zoneServiceHost } from "../../compiler/model";
import { envoyArgs } from "../../targets/sidecar-layout";
import { effectiveBootstrap, parseEnvoyArgs } from "./effective-config";
import { cluster, type Doc, listener, outboundRouteTable, sidecar } from "./generated-config";
import { exampleModel } from "./example-model";
import { evaluate, versionOf } from "./route-evaluator";

const ORDERS = "orders.shop.svc.cluster.local";
const request = (headers: Record<string, string> = {}, path = "/") => ({
  authority: ORDERS,
  method: "GET",
  path,
  headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
  query: [],
});

test("an account-id header route lands on the v2 cluster; others fall through", async () => {
  const table = outboundRouteTable(sidecar(await exampleModel(), "gateway-v1", "cn-bj2-02"), 8080);
  for (const account of ["1001", "1002", "1003"]) {
    assert.equal(evaluate(table, request({ "x-account-id": account })), { virtualHost: `${ORDERS}:8080`, route: "gray-accounts", cluster: `outbound|8080|v2|${ORDERS}`, split: [{ cluster: `outbound|8080|v2|${ORDERS}`, weight: 100 }] });
  }
  // The one-of match is exact: neither a prefix, a superstring nor a regex reading of the values matches.
  for (const account of ["100", "10011", "1001|1002", "1x01"]) assert.is(evaluate(table, request({ "x-account-id": account }))!.route, "weighted");
});

test("the weighted route splits 90/10 between the v1 and v2 clusters", async () => {
  const table = outboundRouteTable(sidecar(await exampleModel(), "gateway-v1", "cn-bj2-02"), 8080);
  const vh = table.virtual_hosts.find((v: Doc) => v.name === `${ORDERS}:8080`);
  const weighted = vh.routes.find((r: Doc) => r.name === "weighted");
  assert.equal(weighted.route.weighted_clusters.clusters, [
    { name: `outbound|8080|v1|${ORDERS}`, weight: 90 },
    { name: `outbound|8080|v2|${ORDERS}`, weight: 10 },
  ]);
  assert.is(weighted.route.timeout, "2s");
  assert.equal(weighted.route.retry_policy, { retry_on: "connect-failure,reset,unavailable", num_retries: 2, per_try_timeout: "0.5s", retry_back_off: { base_interval: "0.025s", max_interval: "0.25s" } });
});

test("locality priorities put the caller's zone first, then the mesh's zone order", async () => {
  const model = await exampleModel();
  for (const zone of model.zones) {
    const c = cluster(sidecar(model, "gateway-v1", zone), `outbound|8080|v1|${ORDERS}`);
    const expected = [zone, ...model.zones.filter((z) => z !== zone)].map((z, priority) => ({
      locality: { zone: z },
      priority,
      lb_endpoints: [{ endpoint: { address: { socket_address: { address: zoneServiceHost("orders", "shop", "v1", z), port_value: 8080 } } } }],
    }));
    assert.equal(c.load_assignment.endpoints, expected);
  }
});

test("a workload's config holds only the clusters of the services it calls (plus its own inbound side)", async () => {
  const model = await exampleModel();
  for (const [workload, calls] of [["gateway-v1", ["accounts", "catalog", "orders", "search"]], ["ledger-v1", []], ["search-v2", ["catalog"]]] as const) {
    const files = sidecar(model, workload, "cn-bj2-02");
    const services = new Set(files.clusters.filter((c: Doc) => c.name.startsWith("outbound|") && c.name.split("|")[2] !== "").map((c: Doc) => c.name.split("|")[3].split(".")[0]));
    assert.equal([...services].sort(), [...calls], workload);
    const vhosts = listener(files, "outbound").filter_chains.flatMap((ch: Doc) => ch.filters[0].typed_config.route_config?.virtual_hosts ?? []).map((v: Doc) => v.name.split(".")[0]);
    assert.ok(vhosts.every((v: string) => (calls as readonly string[]).includes(v) || v === "block_all"), `${workload}: ${vhosts}`);
  }
});

test("circuit breakers and outlier detection come from the callee's overload policy; gRPC ports speak HTTP/2", async () => {
  const files = sidecar(await exampleModel(), "orders-v1", "cn-bj2-02");
  const inventory = cluster(files, "outbound|9090|v1|inventory.shop.svc.cluster.local");
  assert.equal(inventory.circuit_breakers.thresholds[0], { priority: "DEFAULT", max_connections: 512, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 });
  assert.equal(inventory.outlier_detection, { consecutive_5xx: 3, interval: "5s", base_ejection_time: "15s", max_ejection_percent: 50 });
  assert.ok(inventory.typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].explicit_http_config.http2_protocol_options);
  assert.is(cluster(files, "outbound|8080|v1|payments.finance.svc.cluster.local").typed_extension_protocol_options, undefined);
});

test("drills are off unless the build names them, and then only in their zones and for their callers", async () => {
  const model = await exampleModel();
  const faultIn = (workload: string, zone: string, drills: string[]) => sidecar(model, workload, zone, drills).text.lds.includes("envoy.filters.http.fault");
  assert.not.ok(model.zones.some((z) => faultIn("orders-v1", z, [])));
  assert.equal(model.zones.map((z) => faultIn("orders-v1", z, ["inventory-slow"])), [false, true, false]);
  const vh = outboundRouteTable(sidecar(model, "orders-v2", "cn-bj2-03", ["inventory-slow"]), 9090).virtual_hosts.find((v: Doc) => v.name.startsWith("inventory."));
  assert.equal(vh.typed_per_filter_config["envoy.filters.http.fault"].delay, { fixed_delay: "2s", percentage: { numerator: 50, denominator: "HUNDRED" } });
  // payments-flaky applies only to calls from orders, in every zone; the gateway does not call payments at all.
  assert.equal(model.zones.map((z) => faultIn("orders-v1", z, ["payments-flaky"])), [true, true, true]);
  assert.not.ok(faultIn("gateway-v1", "cn-bj2-02", ["payments-flaky", "inventory-slow"]));
});

test("the inbound side enforces allowFrom by mTLS identity and the local rate limit", async () => {
  const files = sidecar(await exampleModel(), "orders-v1", "cn-bj2-02");
  const http = listener(files, "inbound").filter_chains.find((c: Doc) => c.filter_chain_match.destination_port === 8080);
  const filters = http.filters[0].typed_config.http_filters.map((f: Doc) => f.name);
  assert.equal(filters, ["envoy.filters.http.rbac", "envoy.filters.http.local_ratelimit", "envoy.filters.http.router"]);
  const rbac = http.filters[0].typed_config.http_filters[0].typed_config.rules;
  assert.equal(rbac.policies["allow-from"].principals, [{ authenticated: { principal_name: { exact: "spiffe://cluster.local/ns/edge/sa/gateway" } } }]);
  assert.equal(http.filters[0].typed_config.http_filters[1].typed_config.token_bucket, { max_tokens: 400, tokens_per_fill: 200, fill_interval: "0.1s" });
  assert.ok(http.transport_socket.typed_config.require_client_certificate);
});

test("bootstrap: node and locality, admin on IPv6 loopback, readiness on 15021, Prometheus on 15090, LDS/CDS from a watched folder", async () => {
  const model = await exampleModel();
  const files = sidecar(model, "orders-v2", "cn-bj2-05");
  // The file names no sidecar: who it is comes from the pod's command line, applied as Envoy applies it.
  assert.equal(files.bootstrap.node, { metadata: { mesh: model.name } });
  const namespace = model.services.find((s) => s.name === "orders")!.namespace;
  const bootstrap = effectiveBootstrap(files.bootstrap, parseEnvoyArgs(envoyArgs("files", { service: "orders", version: "v2", namespace, zone: "cn-bj2-05" }))) as Doc;
  assert.equal(bootstrap.node.locality, { zone: "cn-bj2-05" });
  assert.is(bootstrap.node.cluster, "orders");
  assert.is(bootstrap.node.id, `orders-v2.${namespace}.cn-bj2-05`);
  assert.equal(bootstrap.node.metadata, { mesh: model.name, namespace, service: "orders", version: "v2" });
  assert.equal(bootstrap.admin.address.socket_address, { address: "::1", port_value: 15000 });
  const [health, prometheus] = bootstrap.static_resources.listeners;
  assert.equal(health.address.socket_address, { address: "::", port_value: 15021 });
  const ready = health.filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
  assert.equal(ready, [{ match: { path: "/healthz/ready" }, route: { cluster: "sidecar_admin", prefix_rewrite: "/ready" } }], "only the readiness path reaches the admin interface");
  assert.equal(bootstrap.static_resources.clusters.find((c: Doc) => c.name === "sidecar_admin").load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address, { address: "::1", port_value: 15000 });
  assert.equal(prometheus.address.socket_address, { address: "::", port_value: 15090 });
  assert.equal(bootstrap.dynamic_resources.lds_config, { path_config_source: { path: "/etc/meshc/envoy/lds.yaml", watched_directory: { path: "/etc/meshc/envoy" } }, resource_api_version: "V3" });
  assert.ok(bootstrap.static_resources.clusters.some((c: Doc) => c.name === "tracing_collector"));
});

test.run();
