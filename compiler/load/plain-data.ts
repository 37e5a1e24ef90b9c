// The plain-data serializer. It runs INSIDE the sandbox, bundled into the same script as the policy, so it
// imports nothing but dsl/brand.ts (whatever it imported would be bundled and evaluated there too).
//
// It walks the policy's default export and writes JSON text directly: branded DSL values become objects
// with a "$kind" key (serialized.ts), module namespace objects (`import * as shop`, which esbuild builds as
// plain objects with one getter per export) become plain objects of their exports, `undefined` properties
// are dropped. Whatever is not plain data is collected as an issue with its path, all of them, not just
// the first (Zod's habit), and the host reports each as MESH011.
//
// The virtual entry imports this module before the policy, so the intrinsics below are captured before any
// policy code runs and a policy that patches Object/Array/JSON cannot change how its value is read. That is
// a convenience for honest authors, not the security boundary: the host treats the text this produces as
// untrusted input and checks its form again (sandbox-output.ts).
import { KIND } from "../../dsl/brand";

/** The global the virtual entry stores the outcome's JSON text in; the host reads it after evaluation. */
export const OUTCOME_GLOBAL = "__meshcPolicyOutcome";

/** Values nested deeper than this are reported: policy data is ~10 levels deep; the walk must not overflow the stack. */
export const MAX_DEPTH = 100;

export interface PlainDataIssue {
  /** Where the value is, from the default export: `spec.services[0].orders.spec.ports.http`. */
  readonly path: string;
  /** What is wrong, as a predicate: "is a function". */
  readonly reason: string;
}

/** What the sandbox hands back, as JSON text. `mesh` is a SerializedMesh once the host has checked it. */
export type PlainDataOutcome =
  | { readonly ok: true; readonly mesh: unknown }
  | { readonly ok: false; readonly notMesh: string }
  | { readonly ok: false; readonly issues: readonly PlainDataIssue[] };

const GLOBAL = globalThis;
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const defineProperty = Object.defineProperty;
const ownKeys = Reflect.ownKeys;
const apply = Reflect.apply;
const isArray = Array.isArray;
const isFiniteNumber = Number.isFinite;
const join = Array.prototype.join;
const toText = String;
const OBJECT_PROTOTYPE = Object.prototype;
const ARRAY_PROTOTYPE = Array.prototype;
const MapOf = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
/** Only ever applied to strings and finite numbers: primitives never consult a (patchable) toJSON. */
const quote = JSON.stringify as (value: string | number) => string;

// The same rule as compiler/diagnostics/model-path.ts (which this file may not import).
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childText(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${quote(key)}]`;
}

// The walk's state. One walk at a time runs (serializePolicy saves and restores it, so even a getter that
// serialized another value would not disturb it); kept in module variables rather than an object passed
// down, because the walk runs once per value of the policy, interpreted by QuickJS, and every property read
// or allocation per value shows (see the note above writeValue).
/** The JSON text so far, in fragments, joined once at the end. */
let out: string[] = [];
let n = 0;
let issues: PlainDataIssue[] = [];
/** The objects on the path from the default export (ancestors[0]) to the current one, to tell a cycle from sharing. */
let ancestors: object[] = [];
/** keys[d] is ancestors[d]'s key in ancestors[d - 1] (keys[0] unused): a path is written from them only when an issue names it. */
let keys: (string | number)[] = [];
/** How many objects are open: ancestors[depth - 1] is the current one. */
let depth = 0;
/** String → its JSON text: a policy repeats few distinct strings (keys, names, ports), and a call of QuickJS's JSON.stringify costs more than a Map lookup. */
let quoted: Map<string, string> = stringMap();
/** Key → `{"key":` and `,"key":`: the fragment before an object's first property, and before any other. */
let firstKeys: Map<string, string> = stringMap();
let laterKeys: Map<string, string> = stringMap();

/** A Map whose get and set are the intrinsics captured above, as own properties: a patched Map.prototype cannot reach it. */
function stringMap(): Map<string, string> {
  const cache = new MapOf<string, string>();
  defineProperty(cache, "get", { value: mapGet });
  defineProperty(cache, "set", { value: mapSet });
  return cache;
}

function quotedText(text: string): string {
  let json = quoted.get(text);
  if (json === undefined) {
    json = quote(text);
    quoted.set(text, json);
  }
  return json;
}

function keyFragment(key: string, first: boolean): string {
  const cache = first ? firstKeys : laterKeys;
  let text = cache.get(key);
  if (text === undefined) {
    text = (first ? "{" : ",") + quotedText(key) + ":";
    cache.set(key, text);
  }
  return text;
}

/** The path of ancestors[d] (d 0 or -1: the default export), then `key` if given. */
function pathOf(d: number, key?: string | number): string {
  let text = "";
  for (let i = 1; i <= d; i++) text = childText(text, keys[i]!);
  return key === undefined ? text : childText(text, key);
}

/** An issue at the current object's child `key`, or (key undefined) at the current object itself. */
function issue(key: string | number | undefined, reason: string): void {
  issues[issues.length] = { path: pathOf(depth - 1, key), reason };
  out[n++] = "null"; // a placeholder: with issues, the text is never used
}

/** An own property's value, calling its getter if it has one (namespace objects are getters). */
function read(target: object, key: string | symbol): { readonly present: boolean; readonly value: unknown } {
  const d = getOwnPropertyDescriptor(target, key);
  if (d === undefined) return { present: false, value: undefined };
  return { present: true, value: d.get !== undefined ? apply(d.get, target, []) : d.value };
}

function brandOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const d = getOwnPropertyDescriptor(value, KIND);
  if (d === undefined) return undefined;
  return d.get !== undefined ? apply(d.get, value, []) : d.value;
}

function className(proto: object): string {
  const ctor = read(proto, "constructor").value;
  const name = typeof ctor === "function" ? read(ctor, "name").value : undefined;
  return typeof name === "string" && name ? name : "an unnamed class";
}

// The walk runs once per value of the policy, interpreted by QuickJS, and is most of a load's time. What
// it reads, and in what order, is what it always read: an object's brand, then (not branded) whether it is
// a list, its prototype, its own keys, and each key's descriptor just before that property's value is
// written, so a getter or a Proxy's trap that changes a later property (or another object) is seen the
// same way. What is cheaper is the bookkeeping around the reads: one list of fragments for the whole text
// instead of a parts list, a template string and a join per object; a key's `,"key":` fragment made once
// per distinct key; a place kept as a list of keys instead of an `At` allocated per object; strings written
// without a call. test/load/plain-data-exact.test.ts holds it to the walk it replaced
// (test/load/plain-data-oracle.ts), text and issues, on random values with getters, Proxies and the rest.

/** Writes `value`, the current object's child `key` (undefined: the default export). */
function writeValue(value: unknown, key: string | number | undefined): void {
  switch (typeof value) {
    case "string":
      out[n++] = quotedText(value);
      return;
    case "boolean":
      out[n++] = value ? "true" : "false";
      return;
    case "number":
      // A finite number's JSON is its String(): ECMA-262 SerializeJSONProperty.
      if (isFiniteNumber(value)) out[n++] = toText(value);
      else issue(key, `is ${value}, which JSON cannot represent`);
      return;
    case "bigint":
      return issue(key, "is a bigint; use a number or a string");
    case "symbol":
      return issue(key, "is a symbol");
    case "function":
      return issue(key, "is a function; call it and use its result");
    case "undefined":
      return issue(key, "is undefined inside a list");
    default:
      if (value === null) out[n++] = "null";
      else writeObject(value as object, key);
  }
}

function writeObject(value: object, key: string | number | undefined): void {
  for (let i = 0; i < depth; i++) {
    if (ancestors[i] === value) return issue(key, `refers back to ${pathOf(i) || "the default export"} (a cycle)`);
  }
  if (depth >= MAX_DEPTH) return issue(key, `is nested more than ${MAX_DEPTH} levels deep`);
  const d = depth;
  ancestors[d] = value;
  keys[d] = key!;
  depth = d + 1;
  writeContainer(value);
  depth = d;
}

/** A field of a branded value; a missing one becomes null, for the normalizer to report as a wrong shape. */
function writeField(value: object, key: string): void {
  const v = read(value, key).value;
  if (v === undefined) out[n++] = "null";
  else writeValue(v, key);
}

function writeContainer(value: object): void {
  const kind = brandOf(value);
  if (kind === "mesh") {
    out[n++] = '{"$kind":"mesh","spec":';
    writeField(value, "spec");
    out[n++] = "}";
    return;
  }
  if (kind === "service") {
    out[n++] = '{"$kind":"service","name":';
    writeField(value, "name");
    out[n++] = ',"spec":';
    writeField(value, "spec");
    out[n++] = "}";
    return;
  }
  if (kind === "service-ref") {
    out[n++] = '{"$kind":"service-ref","name":';
    writeField(value, "name");
    out[n++] = "}";
    return;
  }
  if (kind !== undefined) return issue(undefined, `is an unknown meshc value (kind ${typeof kind === "string" ? quote(kind) : typeof kind})`);
  if (isArray(value)) return writeArray(value as unknown[]);
  const proto: unknown = getPrototypeOf(value);
  if (proto !== OBJECT_PROTOTYPE && proto !== null) return issue(undefined, `is an instance of ${className(proto as object)}; only plain objects and lists are data`);
  const own = ownKeys(value);
  let first = true;
  for (let i = 0; i < own.length; i++) {
    const key = own[i]!;
    if (typeof key === "symbol") {
      issue(toText(key), "is keyed by a symbol");
      continue;
    }
    const d = getOwnPropertyDescriptor(value, key);
    if (d === undefined || !d.enumerable) continue; // as JSON.stringify: non-enumerable properties are not data
    const v = d.get !== undefined ? apply(d.get, value, []) : d.value;
    if (v === undefined) continue;
    if (key === "$kind") {
      issue(key, 'uses the key "$kind", which meshc reserves for its own values');
      continue;
    }
    out[n++] = keyFragment(key, first);
    first = false;
    if (typeof v === "string") out[n++] = quotedText(v);
    else writeValue(v, key);
  }
  out[n++] = first ? "{}" : "}";
}

function writeArray(value: unknown[]): void {
  if (getPrototypeOf(value) !== ARRAY_PROTOTYPE) return issue(undefined, `is an instance of ${className(getPrototypeOf(value) as object)}; only plain objects and lists are data`);
  const length = value.length;
  out[n++] = "[";
  for (let i = 0; i < length; i++) {
    if (i > 0) out[n++] = ",";
    // An index as a number is the same property key as its String(), and a Proxy's trap is given the string.
    const d = getOwnPropertyDescriptor(value, i);
    if (d === undefined) issue(i, "is an empty slot in a list");
    else {
      const v = d.get !== undefined ? apply(d.get, value, []) : d.value;
      if (typeof v === "string") out[n++] = quotedText(v);
      else writeValue(v, i);
    }
  }
  out[n++] = "]";
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  const kind = brandOf(value);
  if (kind === "service") return "a service";
  if (kind === "service-ref") return "a service reference";
  if (typeof value === "function") return "a function";
  if (isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The mesh's JSON text and the issues found, by a walk with its own state (the caller's is put back after). */
function walk(mesh: object): { readonly text: string; readonly issues: readonly PlainDataIssue[] } {
  const saved = { out, n, issues, ancestors, keys, depth, quoted, firstKeys, laterKeys };
  out = [];
  n = 0;
  issues = [];
  ancestors = [];
  keys = [];
  depth = 0;
  quoted = stringMap();
  firstKeys = stringMap();
  laterKeys = stringMap();
  try {
    writeValue(mesh, undefined);
    return { text: apply(join, out, [""]) as string, issues };
  } finally {
    ({ out, n, issues, ancestors, keys, depth, quoted, firstKeys, laterKeys } = saved);
  }
}

/** Serializes the policy's default export into the outcome's JSON text (a PlainDataOutcome). */
export function serializePolicy(defaultExport: unknown): string {
  if (brandOf(defaultExport) !== "mesh") return `{"ok":false,"notMesh":${quote(describe(defaultExport))}}`;
  const result = walk(defaultExport as object);
  if (result.issues.length === 0) return `{"ok":true,"mesh":${result.text}}`;
  const parts: string[] = [];
  for (let i = 0; i < result.issues.length; i++) {
    const { path, reason } = result.issues[i]!;
    parts[i] = `{"path":${quote(path)},"reason":${quote(reason)}}`;
  }
  return `{"ok":false,"issues":[${apply(join, parts, [","]) as string}]}`;
}

/** Stores the outcome where the host reads it; non-writable, so nothing that runs later can replace it. */
export function publish(outcome: string): void {
  defineProperty(GLOBAL, OUTCOME_GLOBAL, { value: outcome, writable: false, enumerable: false, configurable: false });
}
