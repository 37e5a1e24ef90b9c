// The validator is real: Envoy's own example configs pass, and each kind of mutation of them fails with the
// code, field path and rule that name the mutation.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from "yaml";
import { envoyIssues, validateEnvoy } from "../../compiler/validate/envoy";

const ANCHORS = join(__dirname, "../../../shared/anchors/envoy-configs");
const anchors = readdirSync(ANCHORS).filter((f) => f.endsWith(".yaml")).sort();

const errorsOf = (text: string) => envoyIssues("bootstrap", text).filter((i) => i.severity === "error");

/** The first node at `path` (keys and indexes) in a parsed document. */
function at(doc: Document, path: readonly (string | number)[]): YAMLMap {
  const node = doc.getIn(path, true);
  assert.ok(isMap(node), `expected a map at ${path.join(".")}`);
  return node as YAMLMap;
}

/** Paths (as the validator prints them) to the first cluster's first endpoint socket address. */
function firstSocketAddress(doc: Document): (string | number)[] {
  return ["static_resources", "clusters", 0, "load_assignment", "endpoints", 0, "lb_endpoints", 0, "endpoint", "address", "socket_address"];
}

test("at least five anchors were found", () => {
  assert.ok(anchors.length >= 5, `found ${anchors.length}`);
});

for (const file of anchors) {
  const text = readFileSync(join(ANCHORS, file), "utf8");

  test(`${file}: passes`, () => {
    assert.equal(errorsOf(text).map((i) => `${i.path}: ${i.message} [${i.rule}]`), []);
  });

  test(`${file}: an unknown field fails (MESH801)`, () => {
    const doc = parseDocument(text);
    at(doc, ["static_resources", "clusters", 0]).set("connect_timeout_ms", 250);
    const errors = errorsOf(doc.toString());
    assert.equal(errors.map((e) => [e.code, e.path]), [["MESH801", "static_resources.clusters[0].connect_timeout_ms"]]);
    assert.match(errors[0]!.message, /unknown field 'connect_timeout_ms' in envoy\.config\.cluster\.v3\.Cluster/);
  });

  test(`${file}: a wrong type fails (MESH802)`, () => {
    const doc = parseDocument(text);
    at(doc, firstSocketAddress(doc)).set("port_value", "eighty");
    const errors = errorsOf(doc.toString());
    assert.equal(errors.map((e) => [e.code, e.path]), [["MESH802", "static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value"]]);
  });

  test(`${file}: port 70000 fails the uint32.lte rule (MESH805)`, () => {
    const doc = parseDocument(text);
    at(doc, firstSocketAddress(doc)).set("port_value", 70000);
    const errors = errorsOf(doc.toString());
    assert.equal(errors.map((e) => [e.code, e.rule]), [["MESH805", "validate.rules uint32.lte = 65535"]]);
    assert.match(errors[0]!.path, /socket_address\.port_value$/);
  });

  test(`${file}: a bad @type fails (MESH804)`, () => {
    const doc = parseDocument(text);
    const filter = at(doc, ["static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config"]);
    filter.set("@type", "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManagr");
    const errors = errorsOf(doc.toString());
    assert.equal(errors.map((e) => [e.code, e.path]), [["MESH804", 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config["@type"]']]);
  });

  test(`${file}: a mistake deep inside a typed_config is found (recursion through Any)`, () => {
    const doc = parseDocument(text);
    const hcm = at(doc, ["static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config"]);
    hcm.set("codec_type", "HTTP5");
    const errors = errorsOf(doc.toString());
    assert.equal(errors.map((e) => [e.code, e.path]), [["MESH803", "static_resources.listeners[0].filter_chains[0].filters[0].typed_config.codec_type"]]);
  });
}

test("a diagnostic names the file, the field path and the rule, and points at the value", () => {
  const text = readFileSync(join(ANCHORS, "front-proxy.envoy.yaml"), "utf8").replace("port_value: 8000", "port_value: 70000");
  const [d] = validateEnvoy("bootstrap", "envoy/x/bootstrap.yaml", text);
  assert.ok(d);
  assert.is(d.code, "MESH805");
  assert.is(d.severity, "error");
  assert.match(d.message, /^envoy\/x\/bootstrap\.yaml: static_resources\.clusters\[0\]\..*port_value: 70000 must be at most 65535 \[validate\.rules uint32\.lte = 65535\]$/);
  assert.is(text.slice(d.span!.start, d.span!.start + d.span!.length), "70000");
});

test("lists in the anchors hold what the mutations assume", () => {
  const doc = parseDocument(readFileSync(join(ANCHORS, anchors[0]!), "utf8"));
  assert.ok(isSeq(doc.getIn(["static_resources", "clusters"], true)));
});

test.run();
