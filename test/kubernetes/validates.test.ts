// Every generated Kubernetes object passes the pinned release's OpenAPI schema and the API server's own rules,
// and the validator really rejects what the API server rejects, at the field (MESH82x, MESH83x).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { positionOf } from "../../compiler/diagnostics/position";
import { CONFIG_MAP_BUDGET, validateKubernetes, validateKubernetesArtifacts } from "../../compiler/validate/kubernetes";
import { exampleModel } from "../envoy/example-model";
import { twoServices } from "../envoy/model-fixture";
import { packagedBuild } from "./packaged-build";

const artifacts = (files: ReadonlyMap<string, string>) => [...files].map(([path, content]) => ({ path, content }));

test("every object of the example passes (all zones)", async () => {
  const { files } = packagedBuild(await exampleModel());
  assert.is([...files.keys()].filter((p) => p.split("/").length === 3).length, 33, "per zone: namespaces, 9 services, the kustomization");
  assert.equal((await validateKubernetesArtifacts(artifacts(files))).map((d) => d.message), []);
});

test("every object of a dual-stack mesh passes", async () => {
  assert.equal((await validateKubernetesArtifacts(artifacts(packagedBuild(twoServices("dual")).files))).map((d) => d.message), []);
});

const deployment = (patch: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-v1
  namespace: shop
spec:
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: ${patch.includes("LABEL") ? "other" : "orders"}
    spec:
      containers:
        - name: orders
          image: orders:v1
          ports:
            - containerPort: ${patch.includes("PORT") ? '"http"' : "8080"}
              name: http
          resources:
            requests:
              cpu: ${patch.includes("CPU") ? "lots" : "100m"}
      volumes:
        - name: ${patch.includes("VOLUME") ? "Config_Volume" : "config"}
          configMap:
            name: orders-config
`;

async function codesAndLines(text: string): Promise<string[]> {
  return (await validateKubernetes("x.yaml", text)).map((d) => `${d.code}:${positionOf(text, d.span!.start).line}`);
}

test("a correct Deployment passes; each broken field is found at its line", async () => {
  assert.equal(await codesAndLines(deployment("")), []);
  assert.equal(await codesAndLines(deployment("PORT")), ["MESH821:19"], "containerPort must be an integer");
  assert.equal(await codesAndLines(deployment("CPU")), ["MESH821:23"], "a quantity");
  assert.equal(await codesAndLines(deployment("VOLUME")), ["MESH822:25"], "volume names are DNS-1123 labels");
  assert.equal(await codesAndLines(deployment("LABEL")), ["MESH823:9"], "the selector must match the template");
});

test("names, labels, annotations, unknown kinds", async () => {
  const service = (name: string, extra = "") => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\n${extra}spec:\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n  ports:\n    - port: 80\n`;
  assert.equal(await codesAndLines(service("orders")), []);
  assert.equal(await codesAndLines(service("1orders")), ["MESH822:4"], "a Service name is a DNS-1035 label");
  assert.equal(await codesAndLines(service("orders", "  labels:\n    bad key: x\n")), ["MESH823:7"]);
  assert.equal(await codesAndLines(service("orders", `  annotations:\n    big: "${"x".repeat(262_145)}"\n`)), ["MESH824:7"]);
  assert.equal(await codesAndLines("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"), ["MESH825:2"]);
  assert.equal(await codesAndLines("a: [\n"), ["MESH820:2"]);
});

test("a ConfigMap over the budget is an error, not a silent split", async () => {
  const cm = (size: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\nimmutable: true\ndata:\n  cds.yaml: "${"x".repeat(size)}"\n`;
  assert.equal(await codesAndLines(cm(CONFIG_MAP_BUDGET - 100)), []);
  assert.equal(await codesAndLines(cm(CONFIG_MAP_BUDGET + 1)), ["MESH830:8"]);
  // Under the data budget, over the object budget as JSON: each control character is six bytes there.
  const controls = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\nimmutable: true\ndata:\n  cds.yaml: "${"\\x01".repeat(200_000)}"\n`;
  assert.equal(await codesAndLines(controls), ["MESH831:1"]);
});

// The kustomization (issue 19): what kustomize generates from it is validated as if it were written.
const ZONE = "kubernetes/cn-bj2-02";
const KUSTOMIZATION = `${ZONE}/kustomization.yaml`;

async function zoneFindings(edit: (files: Map<string, string>) => void): Promise<{ code: string; file: string; line: number; text: string }[]> {
  const files = new Map(packagedBuild(await exampleModel()).files);
  edit(files);
  const zone = [...files].filter(([p]) => p.startsWith(`${ZONE}/`));
  return (await validateKubernetesArtifacts(artifacts(new Map(zone)))).map((d) => {
    const text = files.get(d.span!.file)!;
    const line = positionOf(text, d.span!.start).line;
    return { code: d.code, file: d.span!.file, line, text: text.split("\n")[line - 1]!.trim() };
  });
}
const editKustomization = (files: Map<string, string>, from: string | RegExp, to: string) => {
  const text = files.get(KUSTOMIZATION)!;
  const edited = text.replace(from, to);
  assert.is.not(edited, text, "the edit applies");
  files.set(KUSTOMIZATION, edited);
};

test("kustomization: a planted oversized file fails with MESH830, at the generator's files in the kustomization", async () => {
  const cds = `${ZONE}/files/search/envoy/cds.yaml`;
  const found = await zoneFindings((files) => files.set(cds, files.get(cds)! + "#".repeat(CONFIG_MAP_BUDGET)));
  assert.equal(found.map((f) => [f.code, f.file]), [["MESH830", KUSTOMIZATION]]);
  assert.is(found[0]!.text, "- bootstrap.yaml=files/search/envoy/bootstrap.yaml", "the entry's files list");
});

test("kustomization: files and resources must exist, lie inside the root, and be listed", async () => {
  const missing = await zoneFindings((files) => files.delete(`${ZONE}/files/search/envoy/lds.yaml`));
  assert.equal(missing.map((f) => [f.code, f.text]), [["MESH826", "- lds.yaml=files/search/envoy/lds.yaml"]]);
  const outside = await zoneFindings((files) => editKustomization(files, "lds.yaml=files/search/envoy/lds.yaml", "lds.yaml=../../envoy/search/cn-bj2-02/lds.yaml"));
  assert.equal(outside.map((f) => [f.code, f.text]), [["MESH826", "- lds.yaml=../../envoy/search/cn-bj2-02/lds.yaml"]]);
  const unlisted = await zoneFindings((files) => editKustomization(files, /\n  - search\.yaml/, ""));
  assert.equal(unlisted.map((f) => [f.code, f.text]), [["MESH826", "- namespaces.yaml"]], "at the resources list");
  const noResource = await zoneFindings((files) => editKustomization(files, "  - search.yaml", "  - search.yaml\n  - missing.yaml"));
  assert.equal(noResource.map((f) => [f.code, f.text]), [["MESH826", "- missing.yaml"]]);
});

test("kustomization: one generator per ConfigMap (search's capture one renamed as its Envoy one), valid keys, meshc's names kept", async () => {
  const text = (await packagedBuild(await exampleModel())).files.get(KUSTOMIZATION)!;
  const name = text.match(/name: (search-envoy-cn-bj2-02-[0-9a-f]+)/)![1]!;
  const twice = await zoneFindings((files) => editKustomization(files, /name: search-capture-[0-9a-f]+/, `name: ${name}`));
  assert.equal(twice.map((f) => [f.code, f.text]), [["MESH826", `name: ${name}`]]);
  const key = await zoneFindings((files) => editKustomization(files, "- lds.yaml=files/search/envoy/lds.yaml", "- lds:yaml=files/search/envoy/lds.yaml"));
  assert.equal(key.map((f) => [f.code, f.text]), [["MESH822", "- lds:yaml=files/search/envoy/lds.yaml"]]);
  const suffixed = await zoneFindings((files) => editKustomization(files, "disableNameSuffixHash: true", "disableNameSuffixHash: false"));
  assert.equal(suffixed.map((f) => f.code), ["MESH826"]);
  const label = await zoneFindings((files) => editKustomization(files, "meshc.io/zone: cn-bj2-02", "meshc.io/zone: -bad-"));
  assert.equal(label.map((f) => [f.code, f.text]), [["MESH823", "meshc.io/zone: -bad-"]]);
  const field = await zoneFindings((files) => editKustomization(files, "kind: Kustomization", "kind: Kustomization\nnamePrefix: x-"));
  assert.equal(field.map((f) => [f.code, f.text]), [["MESH826", "namePrefix: x-"]]);
});

test.run();
