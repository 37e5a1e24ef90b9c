// The stack config as `pulumi up` reads it: defaults, the xds delivery's image, a stack per zone's `after`,
// and the mistakes refused before anything is compiled.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readStackConfig } from "../../infra/stack-config";

function source(values: Record<string, unknown>) {
  return {
    get: (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined),
    getObject: <T>(key: string) => values[key] as T | undefined,
  };
}
const base = { policy: "../examples/uaek/mesh.ts", zones: [{ name: "cn-bj2-03" }] };

test("defaults: meshc mode, file delivery, no stack before this one", () => {
  const c = readStackConfig(source(base), "/work/infra");
  assert.is(c.policy, "/work/examples/uaek/mesh.ts");
  assert.is(c.mode, "meshc");
  assert.is(c.delivery, "files");
  assert.is(c.xdsServer, undefined);
  assert.is(c.after, undefined);
  assert.equal(c.zones, [{ name: "cn-bj2-03", clusterIdentifier: "cn-bj2-03" }]);
});

test("xds delivery takes the server image, and the entry defaults to the policy's file in its policy folder", () => {
  const c = readStackConfig(source({ ...base, delivery: "xds", xdsImage: "registry.example/meshc-serve:1" }), "/work/infra");
  assert.equal(c.xdsServer, { image: "registry.example/meshc-serve:1", entry: "/etc/meshc/policy/mesh.ts" });
  const own = readStackConfig(source({ ...base, delivery: "xds", xdsImage: "i", xdsEntry: "/srv/policy/main.ts" }), "/work/infra");
  assert.is(own.xdsServer!.entry, "/srv/policy/main.ts");
});

test("a stack per zone names the stack before it", () => {
  assert.is(readStackConfig(source({ ...base, after: "acme/meshc-mesh/canary" }), "/w").after, "acme/meshc-mesh/canary");
});

test("mistakes are refused with the key that is wrong", () => {
  assert.throws(() => readStackConfig(source({ ...base, delivery: "xds" }), "/w"), /meshc:delivery xds needs meshc:xdsImage/);
  assert.throws(() => readStackConfig(source({ ...base, delivery: "xds", xdsImage: "i", mode: "istio" }), "/w"), /meshc:delivery xds is for meshc:mode meshc/);
  assert.throws(() => readStackConfig(source({ ...base, xdsImage: "i" }), "/w"), /meshc:xdsImage and meshc:xdsEntry go with meshc:delivery xds/);
  assert.throws(() => readStackConfig(source({ ...base, delivery: "grpc" }), "/w"), /meshc:delivery is "grpc"; expected one of files, xds/);
});

test.run();
