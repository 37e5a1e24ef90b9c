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
  assert.ok(files.size === 30);
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
});

test.run();
