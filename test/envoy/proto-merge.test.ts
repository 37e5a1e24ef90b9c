// The MergeFrom model the equivalence test applies --config-yaml with (proto-merge.ts), on Envoy's own Bootstrap
// type: each rule of protobuf's MergeFrom, once.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { envoyProtos } from "../../compiler/validate/envoy";
import { mergeMessage } from "./proto-merge";

const Bootstrap = () => envoyProtos().root.lookupType("envoy.config.bootstrap.v3.Bootstrap");

test("messages merge field by field; Struct entries are replaced by key", () => {
  const into = { node: { id: "a", cluster: "c", metadata: { mesh: "m", labels: { x: 1 } } } };
  const merged = mergeMessage(Bootstrap(), into, { node: { metadata: { version: "v2", labels: { y: 2 } } } });
  assert.equal(merged, { node: { id: "a", cluster: "c", metadata: { mesh: "m", labels: { y: 2 }, version: "v2" } } });
  assert.equal(into.node.metadata, { mesh: "m", labels: { x: 1 } }, "the input is left as it was");
});

test("repeated fields are appended", () => {
  const merged = mergeMessage(Bootstrap(), { static_resources: { listeners: [{ name: "a" }] } }, { static_resources: { listeners: [{ name: "b" }] } });
  assert.equal(merged.static_resources.listeners.map((l: { name: string }) => l.name), ["a", "b"]);
});

test("a plain proto3 scalar at its default leaves the old value; a set one replaces it", () => {
  const into = { node: { id: "a", user_agent_name: "envoy" } };
  assert.equal(mergeMessage(Bootstrap(), into, { node: { id: "" } }).node.id, "a");
  assert.equal(mergeMessage(Bootstrap(), into, { node: { id: "b" } }).node.id, "b");
});

test("setting one member of a oneof clears the others", () => {
  const into = { node: { user_agent_version: "1.0" } };
  const merged = mergeMessage(Bootstrap(), into, { node: { user_agent_build_version: { version: { major_number: 1 } } } });
  assert.is(merged.node.user_agent_version, undefined);
  assert.ok(merged.node.user_agent_build_version);
});

test("an unknown field is refused (Envoy would reject the override)", () => {
  assert.throws(() => mergeMessage(Bootstrap(), {}, { node: { version: "v1" } }), /no field version/);
});

test("a Duration is refused rather than merged wrongly", () => {
  assert.throws(() => mergeMessage(Bootstrap(), {}, { stats_flush_interval: "5s" }), /not modelled/);
});

test.run();
