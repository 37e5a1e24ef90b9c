// A timeout of "0s" means what it means in Envoy and Istio: no timeout. Before, a mesh default of "0s" gave
// every retried try a 1ms share of nothing (per_try_timeout: 0.001s), so every retrying request failed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build } from "../../compiler/build";
import { meshSetting, policyCopy, stockSetting } from "./policy-copy";

async function lds(edits: Parameters<typeof policyCopy>[0]) {
  const result = await build({ entry: policyCopy(edits), checker: "none" });
  assert.equal(result.diagnostics.map((d) => `${d.code} ${d.message}`), []);
  return { result, lds: result.artifacts!.filter((a) => a.path.endsWith("/lds.yaml")).map((a) => a.content).join("\n") };
}

test("a mesh default timeout of 0s disables the route timeout and leaves each try unbounded (no 1ms per-try timeout)", async () => {
  const { result, lds: text } = await lds([meshSetting('defaults: { timeout: "0s" },')]);
  const routes = result.model!.services.flatMap((s) => s.routes);
  assert.ok(routes.length > 0);
  for (const r of routes) {
    assert.is(r.timeoutMs, 0);
    assert.is(r.retries.perTryTimeoutMs, 0, r.name);
  }
  assert.match(text, /retry_on:/);
  assert.match(text, /timeout: 0s/);
  assert.not.match(text, /per_try_timeout/);
});

test("with no route timeout, an explicit per-try timeout still bounds each try", async () => {
  const { lds: text } = await lds([meshSetting('defaults: { timeout: "0s" },'), stockSetting('retries: { attempts: 2, perTryTimeout: "1s" },')]);
  assert.match(text, /per_try_timeout: 1s/);
  assert.not.match(text, /per_try_timeout: 0\.001s/);
});

test("a positive timeout still shares itself between the tries", async () => {
  const { lds: text } = await lds([meshSetting('defaults: { timeout: "3s" },')]);
  assert.match(text, /per_try_timeout: 1s/);
});

test.run();
