// The kubernetes target's xds delivery (docs/sidecar-layout.md "Delivery modes"): Envoy ConfigMaps hold only
// bootstrap-xds.yaml, the proxy runs it, and each zone gets a `meshc serve` Deployment and Service in
// MESHC_NAMESPACE, which is what the sidecars' bootstrap dials. Every object passes the Kubernetes schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments, parse } from "yaml";
import { deliveryBuildOptions } from "../../compiler/cli/delivery-options";
import { xdsServiceName } from "../../compiler/model";
import { validateKubernetesArtifacts } from "../../compiler/validate/kubernetes";
import { BOOTSTRAP_FILE, CDS_FILE, CERT_DIR, LDS_FILE, MESHC_NAMESPACE, XDS_BOOTSTRAP_FILE, XDS_PORT, XDS_SERVICE_ACCOUNT, xdsServerHost } from "../../targets/sidecar-layout";
import { exampleModel } from "../envoy/example-model";
import { renderZones } from "../kustomize/rendered";
import { packagedBuild } from "./packaged-build";

const SERVER = { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" };
/** A zone's objects as `kubectl apply -k` applies them: rendered by kustomize, generated ConfigMaps included. */
const objectsOf = (files: ReadonlyMap<string, string>, zone: string) =>
  [...renderZones(files)].filter(([path]) => path.startsWith(`kubernetes/${zone}/`)).flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJSON() as any));

test("xds: every object of the example passes the Kubernetes schemas (all zones)", async () => {
  const { files } = packagedBuild(await exampleModel(), [], { delivery: "xds", xdsServer: SERVER });
  const findings = await validateKubernetesArtifacts([...files].map(([path, content]) => ({ path, content })));
  assert.equal(findings.map((d) => d.message), []);
});

test("xds: Envoy ConfigMaps hold only the xDS bootstrap, which dials the zone's server; proxies run it", async () => {
  const model = await exampleModel();
  const { files } = packagedBuild(model, [], { delivery: "xds", xdsServer: SERVER });
  for (const zone of model.zones) {
    const objects = objectsOf(files, zone);
    const envoyMaps = objects.filter((o) => o.kind === "ConfigMap" && o.metadata.labels["meshc.io/config"] === "envoy");
    assert.ok(envoyMaps.length > 0);
    for (const map of envoyMaps) {
      assert.equal(Object.keys(map.data), [XDS_BOOTSTRAP_FILE], map.metadata.name);
      const bootstrap = parse(map.data[XDS_BOOTSTRAP_FILE]);
      const xds = bootstrap.static_resources.clusters.find((c: any) => c.name === bootstrap.dynamic_resources.ads_config.grpc_services[0].envoy_grpc.cluster_name);
      const address = xds.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address;
      assert.equal([address.address, address.port_value], [xdsServerHost(xdsServiceName(zone)), XDS_PORT]);
    }
    const proxies = objects.filter((o) => o.kind === "Deployment" && o.metadata.namespace !== MESHC_NAMESPACE).map((d) => d.spec.template.spec.initContainers.find((c: any) => c.name === "meshc-proxy"));
    assert.ok(proxies.length > 0);
    for (const p of proxies) assert.equal(p.args.slice(0, 2), ["-c", `/etc/meshc/envoy/${XDS_BOOTSTRAP_FILE}`]);
  }
});

test("xds: per zone a meshc serve Deployment and its Service, in meshc's namespace, as the server's identity", async () => {
  const model = await exampleModel();
  const { files } = packagedBuild(model, [], { delivery: "xds", xdsServer: SERVER });
  for (const zone of model.zones) {
    const mine = objectsOf(files, zone).filter((o) => o.metadata.namespace === MESHC_NAMESPACE || (o.kind === "Namespace" && o.metadata.name === MESHC_NAMESPACE));
    assert.equal(mine.map((o) => o.kind).sort(), ["Deployment", "Namespace", "Role", "RoleBinding", "Service", "ServiceAccount"]);
    const service = mine.find((o) => o.kind === "Service");
    const deployment = mine.find((o) => o.kind === "Deployment");
    assert.is(service.metadata.name, xdsServiceName(zone));
    assert.equal(service.spec.ports.map((p: any) => p.port), [XDS_PORT]);
    assert.equal([service.spec.ipFamilies, service.spec.ipFamilyPolicy], [["IPv6"], "SingleStack"]);
    for (const [k, v] of Object.entries(service.spec.selector)) assert.is(deployment.spec.template.metadata.labels[k], v);
    const pod = deployment.spec.template.spec;
    assert.is(pod.serviceAccountName, XDS_SERVICE_ACCOUNT);
    assert.is(pod.nodeSelector["topology.kubernetes.io/zone"], zone);
    const [server] = pod.containers;
    assert.is(server.image, SERVER.image);
    // The example's services use mTLS: the server requires client certificates from the csi-driver-spiffe volume.
    assert.equal(server.args, ["serve", SERVER.entry, "--zone", zone, "--listen", `[::]:${XDS_PORT}`, "--checker", "none", "--tls-dir", CERT_DIR]);
    assert.ok(server.volumeMounts.some((m: any) => m.mountPath === CERT_DIR));
  }
});

test("files delivery (the default) is unchanged: no server, ConfigMaps with bootstrap, LDS and CDS", async () => {
  const model = await exampleModel();
  const { files } = packagedBuild(model);
  assert.not.ok([...files.keys()].some((p) => p.endsWith("/meshc-xds.yaml")));
  const maps = objectsOf(files, model.zones[0]!).filter((o) => o.kind === "ConfigMap" && o.metadata.labels["meshc.io/config"] === "envoy");
  for (const map of maps) assert.equal(Object.keys(map.data).sort(), [BOOTSTRAP_FILE, CDS_FILE, LDS_FILE].sort());
});

test("CLI flags: --delivery xds needs --xds-image; the entry defaults to the policy folder in the image", () => {
  assert.equal(deliveryBuildOptions({ delivery: "files" }, "/p/mesh.ts"), { delivery: "files" });
  assert.ok("usage" in deliveryBuildOptions({ delivery: "xds" }, "/p/mesh.ts"));
  assert.ok("usage" in deliveryBuildOptions({ delivery: "files", xdsImage: "x" }, "/p/mesh.ts"));
  assert.equal(deliveryBuildOptions({ delivery: "xds", xdsImage: "img:1" }, "/src/policy/root.ts"), { delivery: "xds", xdsServer: { image: "img:1", entry: "/etc/meshc/policy/root.ts" } });
  assert.equal(deliveryBuildOptions({ delivery: "xds", xdsImage: "img:1", xdsEntry: "/p/m.ts" }, "/src/root.ts"), { delivery: "xds", xdsServer: { image: "img:1", entry: "/p/m.ts" } });
});

test.run();
