// Planted mutations of objects Istio's suite accepts: each must fail with the code, the field and the API server's
// wording that name the mutation, and the finding must point at that spot of the text. Also: the same objects as
// plain data (what a target builds) through validateIstioObject.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, type Document } from "yaml";
import { validateIstioArtifacts, validateIstioObject, validateIstioStream } from "../../compiler/validate/istio";
import { positionOf } from "../../compiler/diagnostics/position";
import { istioArtifacts } from "../../bench/istio-objects";
import { ISTIO_ANCHORS } from "./istio-anchors";

/** The first document of a suite file that Istio accepts, as a YAML document to mutate. */
function valid(file: string, index = 0): Document {
  const docs = parseAllDocuments(readFileSync(join(ISTIO_ANCHORS, "testdata", file), "utf8"));
  return docs[index]! as Document;
}

function mutated(file: string, change: (doc: Document) => void, index = 0): string {
  const doc = valid(file, index);
  change(doc);
  return doc.toString();
}

const found = (text: string) => validateIstioStream(text).flatMap((d) => d.findings.map((f) => `${f.item.code} ${f.item.message}`));

test("the unmutated bases pass", () => {
  for (const file of ["destinationrule-valid.yaml", "peerauth-valid.yaml", "authz-valid.yaml"]) assert.equal(found(valid(file).toString()), [], file);
  assert.equal(found(valid("serviceentry-valid.yaml", 1).toString()), []);
});

test("an unknown field fails as strict field validation words it (MESH853)", () => {
  const text = mutated("destinationrule-valid.yaml", (d) => d.setIn(["spec", "trafficPolicy", "loadBalancer", "simpel"], "ROUND_ROBIN"));
  assert.ok(found(text).includes('MESH853 unknown field "spec.trafficPolicy.loadBalancer.simpel"'), found(text).join("\n"));
});

test("a string where the schema wants an integer fails, and CEL does not run after a type error (MESH852)", () => {
  const text = mutated("serviceentry-valid.yaml", (d) => d.setIn(["spec", "ports", 0, "number"], "eighty"), 1);
  assert.equal(found(text), ['MESH852 spec.ports[0].number: Invalid value: "string": spec.ports[0].number in body must be of type integer: "string"']);
});

test("a port out of range fails the CEL rule at the port (MESH855)", () => {
  const text = mutated("serviceentry-valid.yaml", (d) => d.setIn(["spec", "ports", 0, "number"], 70000), 1);
  assert.equal(found(text), ['MESH855 spec.ports[0].number: Invalid value: "integer": port must be between 1-65535']);
});

test("a value outside an enum lists the supported values (MESH852)", () => {
  const text = mutated("peerauth-valid.yaml", (d) => d.setIn(["spec", "mtls", "mode"], "STRICTER"));
  assert.equal(found(text), ['MESH852 spec.mtls.mode: Unsupported value: "STRICTER": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"']);
});

test("a repeated port name in a list-type map is a duplicate (MESH854)", () => {
  const text = mutated("serviceentry-valid.yaml", (d) => {
    const first = (d.getIn(["spec", "ports", 0]) as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
    d.addIn(["spec", "ports"], { ...first, number: 8443 });
  }, 1);
  assert.ok(found(text).some((m) => /^MESH854 spec\.ports\[\d+\]: Duplicate value: map\[string\]interface \{\}\{"name":"/.test(m)), found(text).join("\n"));
});

test("a removed required field is reported at the field, located at its parent (MESH852)", () => {
  const text = mutated("destinationrule-valid.yaml", (d) => d.deleteIn(["spec", "host"]));
  const [doc] = validateIstioStream(text);
  assert.equal(doc!.findings.map((f) => f.item.message), ["spec.host: Required value"]);
  const at = positionOf(text, doc!.findings[0]!.start);
  assert.is(text.split("\n")[at.line - 1]!.trim(), "spec:");
});

test("an apiVersion Istio does not serve names the served ones (MESH851)", () => {
  const text = mutated("peerauth-valid.yaml", (d) => d.set("apiVersion", "security.istio.io/v1alpha3"));
  assert.equal(found(text), ['MESH851 apiVersion: Unsupported value: "security.istio.io/v1alpha3": Istio\'s CRDs serve PeerAuthentication as security.istio.io/v1, security.istio.io/v1beta1']);
});

test("a finding points at the offending value in the file", () => {
  const text = mutated("peerauth-valid.yaml", (d) => d.setIn(["spec", "mtls", "mode"], "STRICTER"));
  const [d] = validateIstioArtifacts([{ path: "istio/zone-a/orders.yaml", content: text }]);
  assert.ok(d && d.span, "a located diagnostic");
  const at = positionOf(text, d!.span!.start);
  assert.is(text.split("\n")[at.line - 1]!.slice(at.column - 1, at.column - 1 + d!.span!.length), "STRICTER");
  assert.ok(d!.message.startsWith("istio/zone-a/orders.yaml: PeerAuthentication "), d!.message);
});

test("status is ignored on create, as the status subresource makes the API server do", () => {
  const text = mutated("peerauth-valid.yaml", (d) => d.set("status", { anything: ["at", "all"] }));
  assert.equal(found(text), []);
});

test("YAML the way kubectl reads it: a plain `yes` is a boolean, a duplicate key an error (MESH850)", () => {
  const yes = mutated("peerauth-valid.yaml", (d) => d.setIn(["spec", "mtls", "mode"], "STRICT")).replace("mode: STRICT", "mode: yes");
  assert.ok(found(yes).some((m) => m.includes('spec.mtls.mode in body must be of type string: "boolean"')), found(yes).join("\n"));
  const dup = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nkind: PeerAuthentication\nmetadata: {name: a}\nspec: {}\n";
  assert.equal(found(dup).map((m) => m.split(" ")[0]), ["MESH850"]);
});

test("validateIstioObject takes plain data: integers are int64, as the API server decodes JSON", () => {
  const se = { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "pay", namespace: "shop" }, spec: { hosts: ["pay.example.com"], ports: [{ name: "https", number: 443, protocol: "HTTPS" }], resolution: "DNS", location: "MESH_EXTERNAL" } };
  assert.equal(validateIstioObject(se), []);
  const bad = { ...se, spec: { ...se.spec, ports: [{ name: "https", number: 0, protocol: "HTTPS" }] } };
  assert.equal(validateIstioObject(bad).map((f) => [f.code, f.path.join("."), f.rule]), [["MESH855", "spec.ports.0.number", "0 < self && self <= 65535"]]);
  assert.equal(validateIstioObject({ ...se, spec: { ...se.spec, ports: [{ name: "https", number: 443.5 }] } }).map((f) => f.code), ["MESH852"]);
});

test("each API version is checked against its own schema: a VirtualService in v1, v1beta1 and v1alpha3", () => {
  const vs = (apiVersion: string, timeout: string) => ({ apiVersion, kind: "VirtualService", metadata: { name: "orders", namespace: "shop" }, spec: { hosts: ["orders.shop.svc.cluster.local"], http: [{ route: [{ destination: { host: "orders.shop.svc.cluster.local", subset: "v1" }, weight: 100 }], timeout }] } });
  for (const v of ["v1", "v1beta1", "v1alpha3"]) {
    assert.equal(validateIstioObject(vs(`networking.istio.io/${v}`, "3s")), [], v);
    assert.equal(validateIstioObject(vs(`networking.istio.io/${v}`, "0.5ms")).map((f) => f.message), ['spec.http[0].timeout: Invalid value: "string": must be a valid duration greater than 1ms'], v);
  }
});

test("the benchmark's synthetic objects are valid, so its timings are of the accepting path", () => {
  assert.equal(validateIstioArtifacts(istioArtifacts(20)).map((d) => d.message), []);
});

test.run();
