// `__proto__` and Object.prototype's other names as keys of author objects (issue 15, items 6 and 7). A literal
// `__proto__:` key never becomes data, so it is refused in the source (MESH111); a computed `["__proto__"]`
// key and names such as `constructor` are ordinary own keys, read like any other (normalize reads objects with
// Object.entries, the sandbox's JSON and the model keep them as own properties): they either pass the field's
// own rules and reach the output, or fail them where the author wrote them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build } from "../../compiler/build";
import { type Edit, meshSetting, policyCopy } from "./policy-copy";

const STOCK_PORTS = "ports: { grpc: 9090 },";

async function run(edits: readonly Edit[], drills: readonly string[] = []) {
  const result = await build({ entry: policyCopy(edits), checker: "none", drills });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of result.diagnostics) assert.ok(d.span && /\/(mesh|teams\/shop)\.ts$/.test(d.span.file), `${d.code} located in the author's files`);
  return { result, codes: [...new Set(errors.map((d) => d.code))] };
}

test("a literal `__proto__:` port is refused in the source (it would leave the service without ports)", async () => {
  const { codes } = await run([{ file: "teams/shop.ts", from: STOCK_PORTS, to: "ports: { __proto__: 9090 }," }]);
  assert.equal(codes, ["MESH111"]);
});

test("a literal `__proto__:` object (which would become a prototype) is refused too", async () => {
  const { codes } = await run([meshSetting('external: { __proto__: { ports: { https: 443 } } },')]);
  assert.equal(codes, ["MESH111"]);
});

test("a computed [\"__proto__\"] port name is an own key, refused as a port name; an external host of that name is not a DNS name", async () => {
  assert.equal((await run([{ file: "teams/shop.ts", from: STOCK_PORTS, to: 'ports: { ["__proto__"]: 9090 },' }])).codes, ["MESH107"]);
  assert.equal((await run([meshSetting('external: { ["__proto__"]: { ports: { https: 443 } } },')])).codes, ["MESH108"]);
});

test("a `constructor` port, a [\"__proto__\"] drill and header keys named like Object.prototype's members reach the output as data", async () => {
  const { result, codes } = await run(
    [
      { file: "teams/shop.ts", from: STOCK_PORTS, to: 'ports: { constructor: { port: 9090, protocol: "grpc" } },' },
      { file: "mesh.ts", from: 'drills: { "stock-slow":', to: 'drills: { ["__proto__"]:' },
      { file: "teams/shop.ts", from: '"x-account-id": ["1001", "1002"]', to: '["__proto__"]: "1", constructor: "2", toString: "3"' },
    ],
    ["__proto__"],
  );
  assert.equal(codes, []);
  const model = result.model!;
  assert.equal(model.services.find((s) => s.name === "stock")!.ports.map((p) => p.name), ["constructor"]);
  assert.equal(model.drills.map((d) => d.name), ["__proto__"]);
  assert.equal(model.services.find((s) => s.name === "orders")!.routes[0]!.match.headers.map((h) => h.name), ["__proto__", "constructor", "tostring"]);
  const lds = result.artifacts!.filter((a) => a.path === "envoy/orders/zone-b/lds.yaml").map((a) => a.content).join("");
  // The drill named "__proto__" is switched on by that name and injects its delay in the caller's sidecar.
  assert.match(lds, /fixed_delay: 1s/);
});

test.run();
