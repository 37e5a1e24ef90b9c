// Protobuf's MergeFrom, on the JSON form of a message, typed by Envoy's own protos: what Envoy does with
// `--config-yaml` (the override is parsed as a Bootstrap and merged into the one from `-c`). The C++ rules
// (https://protobuf.dev/reference/cpp/api-docs/google.protobuf.message/#Message.MergeFrom):
// - a singular message field present in `from` is merged field by field into `into`'s;
// - a repeated field is appended to;
// - a map field gets `from`'s entries, each replacing the entry of its key whole (values are not merged);
//   google.protobuf.Struct is a map (`fields`), so node metadata is replaced key by key;
// - a scalar with presence (a oneof member, proto3 `optional`) is set; one without it (plain proto3) only
//   when it is not its type's default (0, "", false, the first enum value);
// - setting one oneof member clears the others.
// Well-known types whose JSON form hides their fields (Duration, Timestamp, FieldMask, Any) are refused: their
// merge is field by field inside that form, and no command line meshc writes carries one.
import type * as protobuf from "protobufjs";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
type JsonObject = Record<string, Json>;

const WRAPPERS = new Set(["DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value", "UInt32Value", "BoolValue", "StringValue", "BytesValue"].map((n) => `google.protobuf.${n}`));
const OPAQUE = new Set(["google.protobuf.Duration", "google.protobuf.Timestamp", "google.protobuf.FieldMask", "google.protobuf.Any"]);

function fullName(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, "");
}

function isObject(v: Json): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fieldOf(type: protobuf.Type, key: string): protobuf.Field {
  const field = type.fields[key] ?? Object.values(type.fields).find((f) => f.options?.json_name === key || (f as any).jsonName === key);
  if (!field) throw new Error(`${fullName(type)} has no field ${key}`);
  return field;
}

function hasPresence(field: protobuf.Field): boolean {
  return Boolean(field.partOf) || Boolean(field.options?.proto3_optional) || (field as any).proto3_optional === true;
}

/** The JSON value of an unset scalar of this field's type (proto3 JSON: 64-bit integers may be strings). */
function isDefaultScalar(field: protobuf.Field, value: Json): boolean {
  if (field.resolvedType && "values" in field.resolvedType) {
    const en = field.resolvedType as protobuf.Enum;
    return value === 0 || en.valuesById[0] === value;
  }
  return value === 0 || value === "0" || value === "" || value === false;
}

/** Struct / Value / ListValue in their JSON form: an object is a Struct, an array a ListValue, else a scalar Value. */
function mergeValue(into: Json, from: Json): Json {
  if (isObject(from) && isObject(into)) return { ...into, ...from }; // struct_value merged: its map's entries replaced by key
  if (Array.isArray(from) && Array.isArray(into)) return [...into, ...from]; // list_value merged: values appended
  return from; // another kind of the oneof: replaced
}

function mergeField(field: protobuf.Field, into: Json, from: Json): Json {
  if (field.map) {
    if (!isObject(from)) throw new Error(`${field.name}: a map, not ${JSON.stringify(from)}`);
    return { ...(isObject(into) ? into : {}), ...from };
  }
  if (field.repeated) {
    if (!Array.isArray(from)) throw new Error(`${field.name}: a repeated field, not ${JSON.stringify(from)}`);
    return [...(Array.isArray(into) ? into : []), ...from];
  }
  const type = field.resolvedType;
  if (type && "fields" in type) {
    const name = fullName(type);
    if (name === "google.protobuf.Struct") return into === undefined ? from : mergeValue(into, from);
    if (name === "google.protobuf.Value" || name === "google.protobuf.ListValue") return into === undefined ? from : mergeValue(into, from);
    // A wrapper's one field has no presence: a default value in `from` leaves `into`'s (the wrapper itself becomes present).
    if (WRAPPERS.has(name)) return into !== undefined && isDefaultScalar(type.fields.value!, from) ? into : from;
    if (OPAQUE.has(name)) throw new Error(`${field.name}: merging a ${name} is not modelled here`);
    return mergeMessage(type as protobuf.Type, isObject(into) ? into : {}, from);
  }
  if (!hasPresence(field) && into !== undefined && isDefaultScalar(field, from)) return into;
  return from;
}

/** `into.MergeFrom(from)`, both in JSON form (field names as Envoy's YAML writes them), typed by `type`. */
export function mergeMessage(type: protobuf.Type, into: JsonObject, from: JsonObject): JsonObject {
  if (!isObject(from)) throw new Error(`${fullName(type)}: expected an object, got ${JSON.stringify(from)}`);
  const out: JsonObject = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const field = fieldOf(type, key);
    const name = field.name;
    const current = name in out ? out[name] : key in out ? out[key] : undefined;
    if (key !== name) delete out[key];
    if (field.partOf) for (const other of field.partOf.fieldsArray) if (other !== field) delete out[other.name];
    out[name] = mergeField(field, current, value);
  }
  return out;
}
