// Walks a JSON tree against a proto message the way Envoy's loader does: proto3 JSON mapping (field names in
// snake_case or lowerCamel, no unknown fields, values of the right JSON type, enum names that exist), every
// Any resolved by its @type and checked recursively, oneofs set at most once, then the protoc-gen-validate
// rules. Deprecated fields pass with a warning, as Envoy only logs them unless they are fatal by default.
import * as protobuf from "protobufjs";
import { type SubtreeMemo, subtreeKey } from "./clean-subtrees";
import type { Decoded, DecodedAt } from "./decoded-value";
import { fieldPath } from "./field-path";
import type { IssueList } from "./issue";
import type { JsonEntry, JsonNode } from "./json-tree";
import { decodeEnum, decodeScalar, defaultScalar, describeJson, type ScalarResult } from "./json-scalars";
import { checkMap, checkRepeated, checkValue, fieldRules, hasOption, requiredRule, skipsEmbedded, type Report } from "./pgv-rules";
import { messageType } from "./proto-registry";
import { checkRegexMatcher } from "./regex-limits";
import { decodeWellKnown, hasSpecialJson } from "./well-known-types";

/** Envoy checks this message in C++ (RE2 syntax, program size): regex-limits.ts repeats it. */
const REGEX_MATCHER = "envoy.type.matcher.v3.RegexMatcher";

/** Envoy's loader resolves type URLs with protobuf's default resolver, which wants this prefix. */
export const TYPE_URL_PREFIX = "type.googleapis.com/";
const TYPED_STRUCTS = new Set(["xds.type.v3.TypedStruct", "udpa.type.v1.TypedStruct"]);

interface Walk {
  readonly issues: IssueList;
  /** False inside a message PGV must not descend into (`message.skip`). */
  readonly pgv: boolean;
  readonly memo?: SubtreeMemo;
}

type Bag = Readonly<Record<string, unknown>>;

const indexes = new WeakMap<protobuf.Type, Map<string, protobuf.Field>>();

/** Field lookup by proto name and by JSON (lowerCamel) name. */
function fieldIndex(type: protobuf.Type): Map<string, protobuf.Field> {
  let index = indexes.get(type);
  if (!index) {
    index = new Map();
    for (const f of type.fieldsArray) {
      index.set(f.name, f);
      if (f.jsonName) index.set(f.jsonName, f);
    }
    indexes.set(type, index);
  }
  return index;
}

// Lookups repeated for every node of every document, cached per proto object (they never change once loaded).
const names = new WeakMap<protobuf.ReflectionObject, string>();
const rules = new WeakMap<protobuf.Field, ReturnType<typeof fieldRules>>();
const pgvOff = new WeakMap<protobuf.Type, boolean>();

function nameOf(t: protobuf.ReflectionObject): string {
  let name = names.get(t);
  if (name === undefined) {
    name = t.fullName.replace(/^\./, "");
    names.set(t, name);
  }
  return name;
}

/** The field's merged PGV rules (fieldRules), computed once per field. */
function rulesOf(field: protobuf.Field): ReturnType<typeof fieldRules> {
  if (!rules.has(field)) rules.set(field, fieldRules(field.parsedOptions as Bag[] | null));
  return rules.get(field);
}

/** Whether the message opts out of PGV (`validate.disabled` / `validate.ignored`), computed once per message. */
function pgvDisabled(type: protobuf.Type): boolean {
  let off = pgvOff.get(type);
  if (off === undefined) {
    off = hasOption(type.parsedOptions as Bag[] | null, "(validate.disabled)") || hasOption(type.parsedOptions as Bag[] | null, "(validate.ignored)");
    pgvOff.set(type, off);
  }
  return off;
}

/** A suggestion for an unknown key: a field with the same letters ignoring case and underscores. */
function suggestion(type: protobuf.Type, key: string): string {
  const squash = (s: string) => s.toLowerCase().replace(/_/g, "");
  const near = type.fieldsArray.find((f) => squash(f.name) === squash(key));
  return near ? ` (did you mean '${near.name}'?)` : "";
}

function fail(w: Walk, r: Extract<ScalarResult, { ok: false }>, path: string, node: JsonNode, typeName: string): undefined {
  const rule = r.code === "MESH803" ? `proto3 JSON: enum ${typeName}` : `proto3 JSON: ${typeName}`;
  w.issues.error(r.code, path, rule, r.reason, node);
  return undefined;
}

function validateAny(node: JsonNode, path: string, w: Walk): Decoded | undefined {
  if (node.kind !== "object") {
    w.issues.error("MESH802", path, "proto3 JSON: google.protobuf.Any", `expected an object with "@type", got ${describeJson(node)}`, node);
    return undefined;
  }
  const typeEntry = node.entries.find((e) => e.key === "@type");
  if (!typeEntry) {
    if (node.entries.length) w.issues.error("MESH804", path, "proto3 JSON: Any.@type", `an Any with fields needs "@type" naming its message`, node);
    return { t: "any", typeUrl: "" };
  }
  const at = fieldPath(path, "@type");
  const url = typeEntry.value.kind === "string" ? typeEntry.value.value : "";
  if (!url.startsWith(TYPE_URL_PREFIX) || url.length === TYPE_URL_PREFIX.length) {
    w.issues.error("MESH804", at, "proto3 JSON: Any.@type", `@type must be "${TYPE_URL_PREFIX}<message>", got ${describeJson(typeEntry.value)}`, typeEntry.value);
    return undefined;
  }
  const type = messageType(url.slice(TYPE_URL_PREFIX.length));
  if (!type) {
    w.issues.error("MESH804", at, "proto3 JSON: Any.@type", `${url} names no message in Envoy's API`, typeEntry.value);
    return undefined;
  }
  const typeName = nameOf(type);
  if (hasSpecialJson(typeName)) {
    const value = node.entries.find((e) => e.key === "value");
    for (const e of node.entries) if (e.key !== "@type" && e.key !== "value") w.issues.error("MESH801", fieldPath(path, e.key), "proto3 JSON: unknown field", `unknown field '${e.key}' in an Any holding ${typeName} (its JSON goes in "value")`, e.keyAt);
    if (value) {
      const r = decodeWellKnown(typeName, value.value);
      if (!r.ok) fail(w, r, fieldPath(path, "value"), value.value, typeName);
    }
  } else {
    validateMessage(type, node, path, w.issues, { pgv: w.pgv, skipKeys: ["@type"], memo: w.memo });
    if (TYPED_STRUCTS.has(typeName)) validateTypedStruct(node, path, w);
  }
  return { t: "any", typeUrl: url };
}

/** A TypedStruct carries its message as a Struct; Envoy converts it, so its fields are checked against that message. */
function validateTypedStruct(node: Extract<JsonNode, { kind: "object" }>, path: string, w: Walk): void {
  const typeUrl = node.entries.find((e) => e.key === "type_url" || e.key === "typeUrl")?.value;
  const value = node.entries.find((e) => e.key === "value")?.value;
  if (typeUrl?.kind !== "string" || !value) return;
  const type = messageType(typeUrl.value.slice(typeUrl.value.lastIndexOf("/") + 1));
  if (!type) {
    w.issues.error("MESH804", fieldPath(path, "type_url"), "TypedStruct.type_url", `${typeUrl.value} names no message in Envoy's API`, typeUrl);
    return;
  }
  validateMessage(type, value, fieldPath(path, "value"), w.issues, { pgv: w.pgv, memo: w.memo });
}

function decodeSingle(field: protobuf.Field, node: JsonNode, path: string, w: Walk): Decoded | undefined {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    if (nameOf(resolved) === "google.protobuf.NullValue" && node.kind === "null") return { t: "enum", v: 0 };
    const r = decodeEnum(resolved, node);
    if (!r.ok) return fail(w, r, path, node, nameOf(resolved));
    if (node.kind === "string" && (resolved.valuesOptions?.[node.value] as Bag | undefined)?.deprecated === true) {
      w.issues.warning("MESH807", path, "deprecated", `${node.value} is a deprecated value of ${nameOf(resolved)}`, node);
    }
    return r.value;
  }
  if (resolved instanceof protobuf.Type) {
    const typeName = nameOf(resolved);
    if (typeName === "google.protobuf.Any") return validateAny(node, path, w);
    if (hasSpecialJson(typeName)) {
      const r = decodeWellKnown(typeName, node);
      return r.ok ? r.value : fail(w, r, path, node, typeName);
    }
    const pgv = w.pgv && !skipsEmbedded(rulesOf(field));
    return validateMessage(resolved, node, path, w.issues, { pgv, memo: w.memo }) ? { t: "message" } : undefined;
  }
  const r = decodeScalar(field.type, node);
  return r.ok ? r.value : fail(w, r, path, node, field.type);
}

function mapKey(keyType: string, key: string): ScalarResult {
  if (keyType === "string") return { ok: true, value: { t: "string", v: key } };
  if (keyType === "bool") return key === "true" || key === "false" ? { ok: true, value: { t: "bool", v: key === "true" } } : { ok: false, code: "MESH802", reason: `map key ${JSON.stringify(key)} must be "true" or "false"` };
  return decodeScalar(keyType, { kind: "string", value: key, start: 0, end: 0 });
}

/** Decodes a present (non-null) field value; undefined when it is absent or wrong (already reported). */
function decodeField(field: protobuf.Field, node: JsonNode, path: string, w: Walk): Decoded | undefined {
  const isValue = field.resolvedType instanceof protobuf.Type && nameOf(field.resolvedType) === "google.protobuf.Value";
  if (node.kind === "null" && !(isValue && !field.repeated && !field.map)) return undefined;
  if (field.map) {
    if (node.kind !== "object") return fail(w, { ok: false, code: "MESH802", reason: `expected an object (map), got ${describeJson(node)}` }, path, node, "map");
    const keyType = (field as unknown as protobuf.MapField).keyType;
    const entries = node.entries.flatMap((e) => {
      const at = fieldPath(path, e.key);
      const key = mapKey(keyType, e.key);
      if (!key.ok) {
        fail(w, key, at, node, keyType);
        return [];
      }
      const value = decodeSingle(field, e.value, at, w);
      return value ? [{ key: { value: key.value, at: e.keyAt, path: at }, value: { value, at: e.value, path: at } }] : [];
    });
    return { t: "map", entries };
  }
  if (field.repeated) {
    if (node.kind !== "array") return fail(w, { ok: false, code: "MESH802", reason: `expected a list, got ${describeJson(node)}` }, path, node, "repeated");
    const items: DecodedAt[] = node.items.flatMap((item, i) => {
      const at = fieldPath(path, i);
      if (item.kind === "null") {
        w.issues.error("MESH802", at, "proto3 JSON: repeated", "a list may not hold null", item);
        return [];
      }
      const value = decodeSingle(field, item, at, w);
      return value ? [{ value, at: item, path: at }] : [];
    });
    return { t: "list", items };
  }
  return decodeSingle(field, node, path, w);
}

function isSynthetic(oneof: protobuf.OneOf): boolean {
  return oneof.fieldsArray.length === 1 && (oneof.fieldsArray[0]!.options as Bag | undefined)?.proto3_optional === true;
}

/**
 * What the walk asks of a message type after its fields, worked out once per type: most fields carry no PGV
 * rule, and going over every field of every message (a Cluster has ~50), making each one's path, was a good part
 * of the walk.
 */
interface TypePlan {
  /** The fields with PGV rules, in the type's order. */
  readonly ruled: readonly protobuf.Field[];
  /** Its oneofs, but proto3's synthetic ones, and whether PGV requires one member set. */
  readonly oneofs: readonly { readonly oneof: protobuf.OneOf; readonly required: boolean }[];
}

const plans = new WeakMap<protobuf.Type, TypePlan>();

function planOf(type: protobuf.Type): TypePlan {
  let plan = plans.get(type);
  if (!plan) {
    plan = {
      ruled: type.fieldsArray.filter((f) => rulesOf(f) !== undefined),
      oneofs: type.oneofsArray.filter((o) => !isSynthetic(o)).map((oneof) => ({ oneof, required: hasOption(oneof.parsedOptions as Bag[] | null, "(validate.required)") })),
    };
    plans.set(type, plan);
  }
  return plan;
}

/** How a field's rule reports a violation (made here: a closure bound to a name gets one set on it at every call). */
function reporter(w: Walk, path: string, object: JsonNode, at: JsonNode | undefined): Report {
  return (rule, message, where, wherePath) => w.issues.error("MESH805", wherePath ?? path, `validate.rules ${rule}`, message, where ?? at ?? object);
}

function checkFieldRules(field: protobuf.Field, decoded: Decoded | undefined, path: string, object: JsonNode, at: JsonNode | undefined, w: Walk): void {
  const rules = rulesOf(field);
  if (!rules) return;
  const report = reporter(w, path, object, at);
  const en = field.resolvedType instanceof protobuf.Enum ? field.resolvedType : undefined;
  if (field.map) return checkMap(rules, decoded?.t === "map" ? decoded.entries : [], en, report);
  if (field.repeated) return checkRepeated(rules, decoded?.t === "list" ? decoded.items : [], en, report);
  if (decoded === undefined) {
    // PGV checks a oneof member only when it is the one set (the generated code switches on the oneof case).
    if (field.partOf) return;
    const required = requiredRule(rules);
    if (required) report(required, "is required");
    if (field.resolvedType instanceof protobuf.Type) return;
  }
  checkValue(rules, decoded ?? defaultScalar(field.type, en !== undefined), en, report);
}

export interface MessageOptions {
  /** Apply protoc-gen-validate rules (false below a `message.skip`). */
  readonly pgv: boolean;
  /** Keys that belong to an enclosing construct (an Any's "@type"). */
  readonly skipKeys?: readonly string[];
  /** Messages found clean earlier in this run, for a tree read by the plain block reader only (clean-subtrees.ts). */
  readonly memo?: SubtreeMemo;
}

/** Validates a JSON node as the given message. Returns false when the node is not an object at all. */
export function validateMessage(type: protobuf.Type, node: JsonNode, path: string, issues: IssueList, options: MessageOptions): boolean {
  const w: Walk = { issues, pgv: options.pgv, memo: options.memo };
  const typeName = nameOf(type);
  if (typeName === "google.protobuf.Any") return validateAny(node, path, w) !== undefined;
  if (hasSpecialJson(typeName)) {
    const r = decodeWellKnown(typeName, node);
    if (!r.ok) fail(w, r, path, node, typeName);
    return r.ok;
  }
  if (node.kind !== "object") {
    issues.error("MESH802", path, `proto3 JSON: ${typeName}`, `expected an object (${typeName}), got ${describeJson(node)}`, node);
    return false;
  }
  const remembered = options.memo && subtreeKey(options.memo, typeName, options.pgv, options.skipKeys, node.start, node.end);
  if (remembered && remembered.texts.has(remembered.text)) {
    options.memo!.memo.hits++;
    return true;
  }
  const before = issues.items.length;
  walkMessage(type, typeName, node, path, issues, options, w);
  if (remembered && issues.items.length === before) remembered.texts.add(remembered.text);
  return true;
}

/** The fields, oneofs and PGV rules of an object node as `type` (validateMessage's walk). */
function walkMessage(type: protobuf.Type, typeName: string, node: Extract<JsonNode, { kind: "object" }>, path: string, issues: IssueList, options: MessageOptions, w: Walk): void {
  const index = fieldIndex(type);
  const seen = new Map<protobuf.Field, JsonEntry>();
  const decoded = new Map<protobuf.Field, Decoded>();
  for (const entry of node.entries) {
    if (options.skipKeys?.includes(entry.key)) continue;
    const at = fieldPath(path, entry.key);
    const field = index.get(entry.key);
    if (!field) {
      issues.error("MESH801", at, "proto3 JSON: unknown field", `unknown field '${entry.key}' in ${typeName}${suggestion(type, entry.key)}`, entry.keyAt);
      continue;
    }
    if (seen.has(field)) {
      issues.error("MESH806", at, "proto3 JSON: field set twice", `'${field.name}' is given twice (as '${seen.get(field)!.key}' and '${entry.key}')`, entry.keyAt);
      continue;
    }
    seen.set(field, entry);
    const fieldOptions = field.options as Bag | undefined;
    if (fieldOptions?.deprecated === true) {
      const fatal = fieldOptions["(envoy.annotations.disallowed_by_default)"] === true;
      const message = `'${field.name}' of ${typeName} is deprecated${fatal ? " and disallowed by default" : ""}`;
      if (fatal) issues.error("MESH807", at, "deprecated (disallowed by default)", message, entry.keyAt);
      else issues.warning("MESH807", at, "deprecated", message, entry.keyAt);
    }
    const value = decodeField(field, entry.value, at, w);
    if (value) decoded.set(field, value);
  }
  const validating = options.pgv && !pgvDisabled(type);
  const plan = planOf(type);
  for (const { oneof, required } of plan.oneofs) {
    let setCount = 0;
    for (const f of oneof.fieldsArray) {
      const entry = seen.get(f);
      if (entry && entry.value.kind !== "null") setCount++;
    }
    if (setCount > 1) {
      const set = oneof.fieldsArray.filter((f) => seen.has(f) && seen.get(f)!.value.kind !== "null");
      const second = seen.get(set[1]!)!;
      issues.error("MESH806", fieldPath(path, second.key), `proto3 JSON: oneof ${oneof.name}`, `only one of ${oneof.fieldsArray.map((f) => f.name).join(", ")} may be set, but ${set.map((f) => f.name).join(" and ")} are`, second.keyAt);
    }
    if (validating && setCount === 0 && required) {
      issues.error("MESH805", fieldPath(path, oneof.name), "validate.required (oneof)", `one of ${oneof.fieldsArray.map((f) => f.name).join(", ")} is required in ${typeName}`, node);
    }
  }
  if (validating) {
    // Only the fields with rules: checkFieldRules does nothing for the others.
    for (const field of plan.ruled) {
      const entry = seen.get(field);
      if (entry && entry.value.kind !== "null" && !decoded.has(field)) continue; // its value was wrong: already reported
      checkFieldRules(field, decoded.get(field), fieldPath(path, entry?.key ?? field.name), node, entry?.value, w);
    }
  }
  if (typeName === REGEX_MATCHER) checkRegexMatcher(node, path, issues);
}
