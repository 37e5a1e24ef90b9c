// The registry kept as JSON (compiler/validate/envoy/proto-snapshot.ts) against a fresh parse of Envoy's .proto
// files: the snapshot is of the installed packages, and the root read from it is the parsed one, object by
// object (every namespace, type, enum, field and oneof: its JSON form and its parsed options), with the same
// lookups resolving to the same types. MESHC_UPDATE_GOLDEN=1 writes the snapshot again (after a package upgrade).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import * as protobuf from "protobufjs";
import { envoyProtos, parseEnvoyProtos } from "../../compiler/validate/envoy/proto-registry";
import { PROTO_SNAPSHOT_FILE, protoFingerprint, rootOfSnapshot, snapshotOf } from "../../compiler/validate/envoy/proto-snapshot";
import { updatingGoldens } from "../golden-folder";

const parsed = parseEnvoyProtos();
if (updatingGoldens) writeFileSync(PROTO_SNAPSHOT_FILE, JSON.stringify(snapshotOf(parsed.root, parsed.files, parsed.skipped)) + "\n");

function everything(ns: protobuf.NamespaceBase, out = new Map<string, protobuf.ReflectionObject>()): Map<string, protobuf.ReflectionObject> {
  for (const child of ns.nestedArray) {
    out.set(`${child.constructor.name} ${child.fullName}`, child);
    if (child instanceof protobuf.Type) {
      for (const f of child.fieldsArray) out.set(`Field ${f.fullName}`, f);
      for (const o of child.oneofsArray) out.set(`OneOf ${o.fullName}`, o);
    }
    if (child instanceof protobuf.Namespace) everything(child, out);
  }
  return out;
}

test("the snapshot is of the installed packages (else: npm run golden:update)", () => {
  const kept = rootOfSnapshot();
  assert.ok(kept, `no snapshot for ${protoFingerprint()} at ${PROTO_SNAPSHOT_FILE}`);
  assert.is(kept.files, parsed.files);
  assert.equal(kept.skipped, parsed.skipped);
});

test("every object read from the snapshot is the parsed one: its JSON form, its parsed options, what it resolves to", () => {
  const fresh = everything(parsed.root);
  const kept = everything(rootOfSnapshot()!.root);
  assert.equal([...kept.keys()].sort(), [...fresh.keys()].sort());
  assert.ok(fresh.size > 5_000, `${fresh.size} objects`);
  let rules = 0;
  for (const [name, object] of fresh) {
    const other = kept.get(name)!;
    assert.equal(JSON.stringify(other.toJSON()), JSON.stringify(object.toJSON()), name);
    assert.equal(other.parsedOptions, object.parsedOptions, `${name}: parsed options`);
    if (JSON.stringify(object.parsedOptions ?? []).includes("(validate.rules)")) rules++;
    if (object instanceof protobuf.Field) assert.is((other as protobuf.Field).resolvedType?.fullName, object.resolvedType?.fullName, `${name}: its type`);
  }
  assert.ok(rules > 500, `${rules} fields carry (validate.rules)`);
});

test("the process's registry is the snapshot's", () => {
  const registry = envoyProtos();
  assert.is(registry.files, parsed.files);
  assert.ok(registry.root.lookupType("envoy.config.cluster.v3.Cluster").fieldsArray.length > 40);
});

test.run();
