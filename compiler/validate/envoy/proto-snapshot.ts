// Envoy's API definitions as protobufjs's own JSON form, kept beside this file (envoy-protos.json), so a process
// does not parse ~450 .proto files before its first validation or xDS message: parsing took 550–730 ms a process
// (the build's main thread and its helper thread each, `meshc serve`, every test that validates), reading the
// JSON 170–240 ms. The JSON is what the parse gives, made from it (`Root.toJSON`), with the one thing toJSON
// leaves out: each object's `parsedOptions`, where the `(validate.rules)` that Envoy enforces are.
//
// It is used only when made from the same packages (their versions are its fingerprint); otherwise the .proto
// files are parsed as before. test/validate/proto-snapshot.test.ts holds it equal to a fresh parse, object by
// object, and rewrites it with MESHC_UPDATE_GOLDEN=1 (`npm run golden:update`) after an upgrade.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as protobuf from "protobufjs";

export const PROTO_SNAPSHOT_FILE = join(__dirname, "envoy-protos.json");

export interface ProtoSnapshot {
  readonly fingerprint: string;
  /** Proto files the parse read, and those it skipped (an import not shipped). */
  readonly files: number;
  readonly skipped: readonly string[];
  readonly root: protobuf.INamespace;
  /** Full name of each object with parsed options → those options. */
  readonly parsedOptions: Readonly<Record<string, unknown>>;
}

/** The packages whose files the registry is made of: @grpc/grpc-js-xds ships the protos, protobufjs reads them. */
export function protoFingerprint(): string {
  const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  return `@grpc/grpc-js-xds@${version("@grpc/grpc-js-xds")} protobufjs@${version("protobufjs")}`;
}

/** Every reflection object under `ns` with its full name: namespaces, types, enums, fields, oneofs. */
function* objectsOf(ns: protobuf.NamespaceBase): Generator<protobuf.ReflectionObject> {
  for (const child of ns.nestedArray) {
    yield child;
    if (child instanceof protobuf.Type) {
      yield* child.fieldsArray;
      yield* child.oneofsArray;
    }
    if (child instanceof protobuf.Namespace) yield* objectsOf(child);
  }
}

/** A name for every object: fields and oneofs are named inside their type, and a oneof may share a field's name. */
function keyOf(object: protobuf.ReflectionObject): string {
  return object instanceof protobuf.OneOf ? `${object.fullName}#oneof` : object.fullName;
}

export function snapshotOf(root: protobuf.Root, files: number, skipped: readonly string[]): ProtoSnapshot {
  const parsedOptions: Record<string, unknown> = {};
  for (const object of objectsOf(root)) if (object.parsedOptions) parsedOptions[keyOf(object)] = object.parsedOptions;
  return { fingerprint: protoFingerprint(), files, skipped, root: root.toJSON(), parsedOptions };
}

/** The root the snapshot was made from, resolved; undefined when there is no snapshot for these packages. */
export function rootOfSnapshot(): { root: protobuf.Root; files: number; skipped: readonly string[] } | undefined {
  let snapshot: ProtoSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(PROTO_SNAPSHOT_FILE, "utf8")) as ProtoSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.fingerprint !== protoFingerprint()) return undefined;
  const root = protobuf.Root.fromJSON(snapshot.root);
  for (const object of objectsOf(root)) {
    const options = snapshot.parsedOptions[keyOf(object)];
    if (options !== undefined) object.parsedOptions = options as typeof object.parsedOptions;
  }
  root.resolveAll();
  return { root, files: snapshot.files, skipped: snapshot.skipped };
}
