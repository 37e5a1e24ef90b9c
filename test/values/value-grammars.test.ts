// The grammars behind MESH108/116 (host names), MESH118 (image references) and MESH113/115 (request values):
// what real configurations write passes, what issue 15 found fails.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hostNameProblem } from "../../compiler/checks/host-names";
import { imageProblem } from "../../compiler/checks/images";
import { pathProblem } from "../../compiler/checks/request-values";

test("host names: RFC 1123 names pass; wildcards, NUL, 100 KB, __proto__, IPs and trailing dots do not", () => {
  for (const ok of ["pay.example.com", "PAY.Example.com", "localhost", "a-b.c1.io", "x".repeat(63) + ".com", "xn--bcher-kva.example"]) assert.is(hostNameProblem(ok), null, ok);
  for (const bad of ["", "*", "*.example.com", "a\u0000b.com", "x".repeat(100_000), "__proto__", "10.0.0.1", "example.com.", "-a.com", "a..com", "x".repeat(64) + ".com", "a b.com", "a_b.com"]) {
    assert.type(hostNameProblem(bad), "string", bad.slice(0, 20));
  }
});

test("image references: the distribution grammar's examples pass; upper case, spaces and flags do not", () => {
  const digest = "sha256:" + "a".repeat(64);
  for (const ok of ["orders:v1", "shop/orders", "registry.example.com:5000/shop/orders:v1.2-rc_3", `ghcr.io/org/app@${digest}`, `app:v1@${digest}`, "localhost/a__b/c-d.e", "[fd00::1]:5000/app:v1"]) {
    assert.is(imageProblem(ok), null, ok);
  }
  for (const bad of ["", "Orders:v1", "orders:v1 --privileged", "orders:", ":v1", "a//b", "orders\n", "x".repeat(100_000), `orders@sha256:xyz`]) assert.type(imageProblem(bad), "string", bad.slice(0, 20));
});

test("request paths start with '/' and hold no whitespace or control characters", () => {
  for (const ok of ["/", "/api/", "/users/%20x", "/a?b=c"]) assert.is(pathProblem(ok), null, ok);
  for (const bad of ["", "api/", "/a b", "/a\n", "/\u0000", "/\u2028"]) assert.type(pathProblem(bad), "string", JSON.stringify(bad));
});

test.run();
