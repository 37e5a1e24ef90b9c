// `meshc inject` round-trips: its output parses, passes the Kubernetes schema and API rules, mounts the
// workload's own config, and a second injection is byte-identical; the refusals are diagnostics at the spot.
// Each refusal code has its fixture under test/fixtures/invalid/<code>-inject-*/ with a reviewed baseline
// (`MESHC_UPDATE_GOLDEN=1` rewrites them).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isAlias, isNode, parseAllDocuments, visit } from "yaml";
import { build } from "../../compiler/api";
import { main } from "../../compiler/cli/main";
import { injectFile } from "../../compiler/cli/inject-command";
import { renderPretty } from "../../compiler/diagnostics/render-pretty";
import { validateKubernetes } from "../../compiler/validate/kubernetes";
import { envoyFolder } from "../../targets/sidecar-layout";

const root = resolve(__dirname, "../..");
const entry = join(root, "examples/uaek/mesh.ts");
const fixtures = join(root, "test/fixtures");
const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set");

type Json = Record<string, any>;

/** Whether a stream has an anchor or an alias: the pods share objects (sidecar-containers.ts), which must be copied. */
function hasAliases(text: string): boolean {
  let found = false;
  for (const doc of parseAllDocuments(text)) visit(doc, (_key, node) => void ((isAlias(node) || (isNode(node) && node.anchor)) && (found = true)));
  return found;
}

test("inject round-trips: parses, validates, mounts its own zone's config, second run byte-identical", async () => {
  const file = join(fixtures, "inject/orders-deployment.yaml");
  const first = await injectFile({ file, entry, zone: "cn-bj2-03", checker: "none" });
  assert.ok(first.text, first.result.diagnostics.map((d) => d.message).join("\n"));
  assert.equal(await validateKubernetes("out.yaml", first.text!), []);
  const objects = parseAllDocuments(first.text!).map((d) => d.toJS() as Json);
  assert.equal(objects.map((o) => o.kind), ["Deployment", "ConfigMap", "ConfigMap", "ConfigMap"]);
  const [deployment, ...configMaps] = objects;
  assert.is(deployment!.spec.replicas, 4, "fields it does not own are kept");
  assert.is(deployment!.spec.template.spec.containers[0].env[0].value, "prod");
  assert.ok(first.text!.startsWith("# The orders team's own Deployment.\n") && first.text!.includes("# pinned by the team"), "comments are kept");
  assert.equal(deployment!.spec.template.spec.initContainers.map((c: Json) => c.name), ["meshc-capture", "meshc-proxy"]);
  const envoyVolume = deployment!.spec.template.spec.volumes.find((v: Json) => v.name === "meshc-envoy");
  const envoy = configMaps.find((c) => c.metadata.name === envoyVolume.configMap.name)!;
  const built = await build({ entry, checker: "none", validate: false });
  const folder = envoyFolder("orders", "v2", "cn-bj2-03");
  for (const [name, content] of Object.entries(envoy.data)) assert.ok(built.artifacts!.find((a) => a.path === `${folder}/${name}`)?.content === content, `${name} is orders-v2's in cn-bj2-03`);
  // The capture volume is the build's capture/ for orders: its files under orders/, the runtime beside them.
  const captureVolume = deployment!.spec.template.spec.volumes.find((v: Json) => v.name === "meshc-capture");
  const view: Record<string, string> = {};
  for (const { configMap: source } of captureVolume.projected.sources) {
    const cm = configMaps.find((c) => c.metadata.name === source.name)!;
    assert.ok(cm, `${source.name} is appended`);
    for (const item of source.items) view[item.path] = cm.data[item.key];
  }
  const expected = Object.fromEntries(built.artifacts!.filter((a) => a.path === "capture/runtime.sh" || a.path.startsWith("capture/orders/")).map((a) => [a.path.slice("capture/".length), a.content]));
  assert.equal(view, expected);

  const again = join(fixtures, "inject/.injected-once.yaml");
  writeFileSync(again, first.text!);
  const second = await injectFile({ file: again, entry, zone: "cn-bj2-03", checker: "none" });
  assert.ok(second.text === first.text, "a second injection changes nothing");
});

test("a List: its Deployment is injected, its ConfigMaps join the List, other items are kept", async () => {
  const first = await injectFile({ file: join(fixtures, "inject/list.yaml"), entry, checker: "none" });
  assert.ok(first.text, first.result.diagnostics.map((d) => d.message).join("\n"));
  const [list] = parseAllDocuments(first.text!).map((d) => d.toJS() as Json);
  assert.equal(list!.items.map((i: Json) => i.kind), ["Deployment", "Service", "ConfigMap", "ConfigMap", "ConfigMap"]);
  assert.ok(list!.items[2].metadata.name.startsWith("pricing-envoy-cn-bj2-05-"), "the zone comes from the node selector");
  assert.ok(!hasAliases(first.text!), "no anchors or aliases for the objects the pods share");
  assert.equal(await validateKubernetes("out.yaml", first.text!), []);
});

test("two Deployments of one namespace: one runtime ConfigMap, after the first; a second injection changes nothing", async () => {
  const two = readFileSync(join(fixtures, "inject/orders-deployment.yaml"), "utf8");
  // inventory, in orders' namespace; one version, so no version label is needed.
  const other = two.replace("name: orders   # team naming", "name: inventory").replace(/app: orders/g, "app: inventory").replace(/, version: v2|\n\s+version: v2/g, "").replace("- name: orders", "- name: inventory");
  const file = join(fixtures, "inject/.two-deployments.yaml");
  writeFileSync(file, `${two}---\n${other}`);
  const first = await injectFile({ file, entry, zone: "cn-bj2-03", checker: "none" });
  assert.ok(first.text, first.result.diagnostics.map((d) => d.message).join("\n"));
  const objects = parseAllDocuments(first.text!).map((d) => d.toJS() as Json);
  const labelled = (o: Json) => `${o.kind}${o.metadata.labels?.["meshc.io/config"] ? `:${o.metadata.labels["meshc.io/config"]}` : ""}`;
  assert.equal(objects.map(labelled), ["Deployment", "ConfigMap:envoy", "ConfigMap:capture", "ConfigMap:capture-runtime", "Deployment", "ConfigMap:envoy", "ConfigMap:capture"]);
  assert.equal(await validateKubernetes("out.yaml", first.text!), []);
  assert.ok(!hasAliases(first.text!), "no anchors or aliases for the objects the pods share");
  writeFileSync(file, first.text!);
  const second = await injectFile({ file, entry, zone: "cn-bj2-03", checker: "none" });
  assert.ok(second.text === first.text, "a second injection changes nothing");
});

const refusals = readdirSync(join(fixtures, "invalid")).filter((n) => /^MESH03\d-inject-/.test(n)).sort();

test("there is a refusal fixture for every inject code", () => {
  assert.equal([...new Set(refusals.map((n) => n.slice(0, 7)))], ["MESH030", "MESH031", "MESH032", "MESH033", "MESH034", "MESH035"]);
});

for (const name of refusals) {
  test(`refused: ${name}`, async () => {
    const dir = join(fixtures, "invalid", name);
    const file = join(dir, "deployment.yaml");
    const outcome = await injectFile({ file, entry, zone: readFileSync(file, "utf8").match(/^# zone: (\S+)/m)?.[1], checker: "none" });
    assert.is(outcome.text, null);
    const errors = outcome.result.diagnostics.filter((d) => d.severity === "error");
    assert.equal([...new Set(errors.map((d) => d.code))], [name.slice(0, 7)]);
    const rendered = errors.map((d) => renderPretty(d, (f) => outcome.result.sources.get(f), dir)).join("\n");
    const baseline = join(dir, "inject.errors.txt");
    if (update) writeFileSync(baseline, rendered);
    assert.fixture(rendered, readFileSync(baseline, "utf8"));
  });
}

test("the command line: YAML on stdout, exit 1 and nothing on stdout when refused", async () => {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  assert.is(await main(["inject", join(fixtures, "inject/list.yaml"), "--policy", entry], io), 0);
  assert.ok(out.startsWith("apiVersion: v1\nkind: List\n") && err.includes("1 Deployment injected"));
  out = "";
  assert.is(await main(["inject", join(fixtures, "invalid", refusals[0]!, "deployment.yaml"), "--policy", entry], io), 1);
  assert.is(out, "");
});

test.run();
