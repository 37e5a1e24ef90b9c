// What meshc serve sends, in both shapes, for every sidecar of the example: each resource passes Envoy's protos
// (compiler/validate/envoy), and the shapes differ where gRPC needs it (api_listener, no catch-all host with a
// direct_response, no file-based transport socket), while routes and clusters come from the file constructors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { workloads } from "../../compiler/model";
import { validateEnvoy } from "../../compiler/validate/envoy";
import { clusterLoadAssignment, sidecarConfig, sidecarResources } from "../../targets/envoy";
import { exampleModel } from "./example-model";

const typed = (type: string, list: readonly object[]) => JSON.stringify({ resources: list.map((r) => ({ "@type": `type.googleapis.com/${type}`, ...r })) });

for (const shape of ["envoy", "grpc"] as const) {
  test(`${shape} shape: every sidecar's resources pass Envoy's protos`, async () => {
    const model = await exampleModel();
    for (const w of workloads(model)) {
      const r = sidecarResources(model, { drills: ["inventory-slow"] }, w, "cn-bj2-03", shape);
      const eds = r.endpoints.map((e) => clusterLoadAssignment(e, () => [{ address: "fd00::1", port: 8080 }]));
      const found = [
        ...validateEnvoy("lds", `${w.name}/lds`, typed("envoy.config.listener.v3.Listener", r.listeners)),
        ...validateEnvoy("rds", `${w.name}/rds`, typed("envoy.config.route.v3.RouteConfiguration", r.routes)),
        ...validateEnvoy("cds", `${w.name}/cds`, typed("envoy.config.cluster.v3.Cluster", r.clusters)),
        ...validateEnvoy("eds", `${w.name}/eds`, typed("envoy.config.endpoint.v3.ClusterLoadAssignment", eds)),
      ];
      assert.equal(found.map((d) => d.message), [], w.name);
    }
  });
}

test("envoy shape: the file listener with its route tables named instead of inlined, and the same tables", async () => {
  const model = await exampleModel();
  const w = workloads(model).find((x) => x.name === "gateway-v1")!;
  const files = sidecarConfig(model, { drills: [] }, w, "cn-bj2-02") as any;
  const r = sidecarResources(model, { drills: [] }, w, "cn-bj2-02", "envoy") as any;
  const fileOutbound = files.lds.resources.find((l: any) => l.name === "outbound");
  const inlined = fileOutbound.filter_chains.flatMap((c: any) => c.filters.flatMap((f: any) => (f.typed_config.route_config ? [f.typed_config.route_config] : [])));
  assert.equal(r.routes, inlined, "RDS serves exactly the tables the files inline");
  const served = r.listeners.find((l: any) => l.name === "outbound");
  assert.ok(served.filter_chains.every((c: any) => c.filters.every((f: any) => !f.typed_config.route_config)));
  assert.equal(served.filter_chains.length, fileOutbound.filter_chains.length);
});

test("grpc shape: a listener per xds:/// target with an api_listener, one virtual host, no direct_response, no file certificates", async () => {
  const model = await exampleModel();
  const w = workloads(model).find((x) => x.name === "gateway-v1")!;
  const r = sidecarResources(model, { drills: [] }, w, "cn-bj2-02", "grpc") as any;
  assert.ok(r.listeners.some((l: any) => l.name === "orders.shop.svc.cluster.local:9090"));
  assert.ok(r.listeners.every((l: any) => l.api_listener && !l.filter_chains && !l.listener_filters));
  assert.ok(r.routes.every((t: any) => t.virtual_hosts.length === 1 && !JSON.stringify(t).includes("direct_response")));
  assert.ok(r.clusters.every((c: any) => c.type === "EDS" && !c.transport_socket));
});

test("EDS: empty localities are left out, priorities close up, weights are pod counts", () => {
  const spec = { clusterName: "c", localities: [{ zone: "a", priority: 0, host: "ha", port: 80 }, { zone: "b", priority: 1, host: "hb", port: 80 }, { zone: "c", priority: 2, host: "hc", port: 80 }] };
  const pods: Record<string, { address: string; port: number }[]> = { ha: [], hb: [{ address: "fd00::1", port: 80 }], hc: [{ address: "fd00::2", port: 80 }, { address: "fd00::3", port: 80 }] };
  const cla = clusterLoadAssignment(spec, (h) => pods[h]!) as any;
  assert.equal(cla.endpoints.map((e: any) => [e.locality.zone, e.priority, e.load_balancing_weight]), [["b", 0, 1], ["c", 1, 2]]);
});

test.run();
