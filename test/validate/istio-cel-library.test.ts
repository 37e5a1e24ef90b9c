// The pieces of Kubernetes' CEL environment that meshc supplies itself, each against the Go behaviour it stands
// for: net/url (isURL, url().getScheme()), time.ParseDuration (duration()), strconv.ParseInt (int()), the property
// name escaping of CEL field access, and Go's printing of values in errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { kubernetesFunctions } from "../../compiler/validate/istio/cel-library";
import { escapeProperty } from "../../compiler/validate/istio/cel-value";
import { goFloat, goValue } from "../../compiler/validate/istio/go-format";
import { parseGoDuration } from "../../compiler/validate/istio/go-duration";
import { parseRequestUri, parseUrl } from "../../compiler/validate/istio/go-url";

const env = celEnv({ funcs: [...strings, ...kubernetesFunctions] });
const run = (expr: string, self: unknown) => {
  const r = plan(env, parse(expr))({ self } as never);
  return isCelError(r) ? `error: ${r.message}` : r;
};

test("isURL is url.ParseRequestURI: absolute URLs and absolute paths only", () => {
  for (const ok of ["https://example.com", "http://a:8080/p?q=1", "oci://docker.io/istio/wasm:1.0", "file:///opt/f.wasm", "/just/a/path", "mailto:x@y", "http://[::1]:80/", "*"]) assert.ok(parseRequestUri(ok).ok, ok);
  for (const bad of ["", "example.com/x", "docker.io/x:1", "#frag", "http://a b/", "http://h:port/", "http://[::1/", "1http://x", "http://%zz/", "http://a\u0007/", "://x"]) assert.not.ok(parseRequestUri(bad).ok, bad);
  assert.equal(parseRequestUri("http://a b/"), { ok: false, error: 'parse "http://a b/": invalid character " " in host name' });
});

test("url() keeps the scheme lower-cased and cuts the fragment; a bad escape fails", () => {
  assert.is(run("url(self).getScheme()", "HTTPS://x/#top"), "https");
  assert.is(run("url(self).getScheme()", "/path"), "");
  assert.ok(String(run("url(self).getScheme()", "x/y")).startsWith("error: URL parse error during conversion from string: parse \"x/y\": invalid URI for request"));
  assert.not.ok(parseUrl("http://x/%g1").ok);
  assert.is(run('isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])', "docker.io/istio/wasm:1"), true);
});

test("duration() is time.ParseDuration", () => {
  const ns = (s: string) => parseGoDuration(s);
  assert.is(ns("300s"), 300_000_000_000n);
  assert.is(ns("1h30m"), 5_400_000_000_000n);
  assert.is(ns("1.5s"), 1_500_000_000n);
  assert.is(ns(".5ms"), 500_000n);
  assert.is(ns("1µs"), 1000n);
  assert.is(ns("1us"), 1000n);
  assert.is(ns("-2s"), -2_000_000_000n);
  assert.is(ns("0"), 0n);
  for (const bad of ["", "1", "s", "1d", "apple", "1.s.", "3 s", "9223372036854775808ns"]) assert.is(ns(bad), null, bad);
  assert.is(run("duration(self) >= duration('1ms')", "250ms"), true);
  assert.is(run("duration(self) >= duration('1ms')", "999us"), false);
  assert.is(run("duration(self) >= duration('1ms')", "1d"), "error: type conversion error from 'string' to 'google.protobuf.Duration'");
});

test("int(string) is strconv.ParseInt(s, 10, 64), not JavaScript's BigInt", () => {
  assert.is(run("int(self)", "80"), 80n);
  assert.is(run("int(self)", "+80"), 80n);
  for (const bad of ["", " 80", "0x50", "8e1", "9223372036854775808"]) assert.is(run("int(self)", bad), "error: type conversion error from 'string' to 'int'", bad);
});

test("property names are escaped as Kubernetes escapes them for CEL", () => {
  assert.is(escapeProperty("jwks_uri"), "jwks_uri");
  assert.is(escapeProperty("namespace"), "__namespace__");
  assert.is(escapeProperty("x-y.z/w"), "x__dash__y__dot__z__slash__w");
  assert.is(escapeProperty("a__b"), "a__underscores__b");
  assert.is(escapeProperty("1st"), null);
  assert.is(escapeProperty("a b"), null);
});

test("values print as Go prints them in field errors", () => {
  assert.is(goValue("BLAH"), '"BLAH"');
  assert.is(goValue(150), "150");
  assert.is(goValue(-0.1), "-0.1");
  assert.is(goValue(80n), "80");
  assert.is(goValue(null), "null");
  assert.is(goValue({ name: "a", n: 1n }), 'map[string]interface {}{"n":1, "name":"a"}');
  assert.is(goFloat(1e21), "1e+21");
  assert.is(goFloat(0.00001), "1e-05");
});

test.run();
