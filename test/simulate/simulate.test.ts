import { test } from "uvu";
import * as assert from "uvu/assert";
import { normalize } from "../../compiler/normalize";
import { simulate } from "../../compiler/simulate";

const orders: any = { // eslint-disable-line @typescript-eslint/no-explicit-any
  $kind: "service",
  name: "orders",
  spec: {
    namespace: "shop",
    ports: { http: 8080 },
    versions: ["v1", "v2", "v3"],
    routes: [
      { name: "accounts", when: { headers: { "X-Account-Id": ["1001", "1002"] } }, to: "v2" },
      { name: "beta", when: { headers: { "x-beta": { regex: "yes|1" } }, method: "POST", path: { prefix: "/api/" } }, to: "v3" },
      { name: "search", when: { query: { q: { present: true } }, path: { exact: "/search" } }, to: "v3" },
      { name: "split", when: { headers: { "x-split": { prefix: "s" } } }, to: { v1: 40, v2: 40, v3: 20 } },
    ],
  },
};
const { model } = normalize({ $kind: "mesh", spec: { name: "m", ipFamily: "ipv6", zones: ["z"], services: [orders], tests: [] } });
const request = (extra: object) => ({ from: null, to: "orders", headers: {}, path: "/", method: "GET", query: {}, ...extra });

test("the first matching route decides; header names are case-insensitive", () => {
  const r = simulate(model, request({ headers: { "x-account-id": "1002" } }));
  assert.ok(r.ok);
  if (r.ok) assert.equal([r.route.name, r.version], ["accounts", "v2"]);
});

test("every condition must hold: method, path prefix and a full-match regex", () => {
  const hit = simulate(model, request({ headers: { "x-beta": "yes" }, method: "POST", path: "/api/cart" }));
  assert.equal(hit.ok && hit.route.name, "beta");
  const wrongMethod = simulate(model, request({ headers: { "x-beta": "yes" }, method: "GET", path: "/api/cart" }));
  assert.equal(wrongMethod.ok && wrongMethod.route.name, "default");
  const partialRegex = simulate(model, request({ headers: { "x-beta": "yess" }, method: "POST", path: "/api/cart" }));
  assert.equal(partialRegex.ok && partialRegex.route.name, "default");
});

test("query presence and exact path", () => {
  assert.equal((r => r.ok && r.route.name)(simulate(model, request({ query: { q: "" }, path: "/search" }))), "search");
  assert.equal((r => r.ok && r.route.name)(simulate(model, request({ query: { q: "x" }, path: "/search/" }))), "default");
});

test("weighted routes land on the largest weight, ties by declaration order", () => {
  const r = simulate(model, request({ headers: { "x-split": "s1" } }));
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.version, "v1");
    assert.equal(r.destinations.map((d) => d.weight), [40, 40, 20]);
  }
});

test("no match falls through to the implicit default route; unknown services are reported", () => {
  const r = simulate(model, request({}));
  assert.ok(r.ok && r.route.implicit && r.version === "v1");
  assert.equal(simulate(model, request({ to: "nope" })), { ok: false, reason: "unknown-service" });
});

test.run();
