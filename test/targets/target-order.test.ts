// The order the build runs its targets in (compiler/target-order.ts): each after the targets it packages, those
// that package others after all that do not, whatever the list's order; a missing or circular packaging throws.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runOrder } from "../../compiler/target-order";
import { targets } from "../../compiler/target-registry";
import type { Target } from "../../targets/target";

const target = (name: string, packages?: string[]): Target => ({ name, build: () => [], ...(packages ? { packages } : {}) });

test("packaging targets run after the ones they package and after every target that packages nothing", () => {
  const order = (list: Target[]) => runOrder(list).map((t) => t.name);
  assert.equal(order([target("k8s", ["envoy", "capture"]), target("envoy"), target("istio"), target("capture")]), ["envoy", "istio", "capture", "k8s"]);
  assert.equal(order([target("a"), target("bundle", ["c"]), target("c"), target("d", ["bundle"])]), ["a", "c", "bundle", "d"]);
  assert.equal(order(targets as Target[]), ["capture", "envoy", "istio", "kubernetes"]);
});

test("a packaged target missing from the list, or packaging in a circle, is refused", () => {
  assert.throws(() => runOrder([target("k8s", ["envoy"])]), /packages the envoy target, which this build does not run/);
  assert.throws(() => runOrder([target("a", ["b"]), target("b", ["a"])]), /packages itself/);
});

test.run();
