// The serializer as it was before its walk was made cheaper (main at d1201b4, compiler/load/plain-data.ts),
// kept only as the oracle of test/load/plain-data-exact.test.ts: the new walk must give the same text and
// the same issues as this one for every value. Not used by the compiler; do not change it.
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

/**
 * Where a value sits, kept as a chain and written out only when an issue names it: almost no value ever
 * does, and writing every value's path (a regex test and a concatenation each) cost more than the rest of
 * the walk on a 10 000-service policy.
 */
interface At {
  readonly parent: At | undefined;
  readonly key: string | number;
}

function child(at: At | undefined, key: string | number): At {
  return { parent: at, key };
}

function pathText(at: At | undefined): string {
  const keys: (string | number)[] = [];
  for (let a = at; a !== undefined; a = a.parent) keys[keys.length] = a.key;
  let text = "";
  for (let i = keys.length - 1; i >= 0; i--) text = childText(text, keys[i]!);
  return text;
}

interface Walk {
  readonly issues: PlainDataIssue[];
  /** The objects on the path from the default export to the current value, to tell a cycle from sharing. */
  readonly ancestors: object[];
  readonly ancestorPaths: (At | undefined)[];
  /** String → its JSON text: a policy repeats few distinct strings (keys, names, ports), and a call of
   * QuickJS's JSON.stringify costs more than a Map lookup. */
  readonly quoted: Map<string, string>;
}

/** A Map whose get and set are the intrinsics captured above, as own properties: a patched Map.prototype cannot reach it. */
function quoteCache(): Map<string, string> {
  const cache = new MapOf<string, string>();
  defineProperty(cache, "get", { value: mapGet });
  defineProperty(cache, "set", { value: mapSet });
  return cache;
}

function quoted(walk: Walk, text: string): string {
  let json = walk.quoted.get(text);
  if (json === undefined) {
    json = quote(text);
    walk.quoted.set(text, json);
  }
  return json;
}

/**
 * Joins JSON fragments collected in a list: one allocation per container instead of one intermediate string
 * per `+=`, in a heap whose growth counts against the policy's memory limit (a 10 000-service policy
 * serializes to ~20 MB of JSON).
 */
function joined(parts: string[], separator: string): string {
  return apply(join, parts, [separator]) as string;
}

function issue(walk: Walk, at: At | undefined, reason: string): string {
  walk.issues[walk.issues.length] = { path: pathText(at), reason };
  return "null"; // a placeholder: with issues, the text is never used
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

// The walk below runs once per value of the policy, interpreted by QuickJS, and was most of a load's time
// (at N = 1 000: ~200 ms of ~330 ms evaluating). So a value's place (`parent` and `key`) becomes an `At` only
// when it is needed: for an issue, or for an object's children. Strings and numbers, most of the values,
// allocate nothing but their text.

function serializeValue(value: unknown, parent: At | undefined, key: string | number | undefined, walk: Walk): string {
  switch (typeof value) {
    case "string":
      return quoted(walk, value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // A finite number's JSON is its String(): ECMA-262 SerializeJSONProperty.
      return isFiniteNumber(value) ? toText(value) : issue(walk, at(parent, key), `is ${value}, which JSON cannot represent`);
    case "bigint":
      return issue(walk, at(parent, key), "is a bigint; use a number or a string");
    case "symbol":
      return issue(walk, at(parent, key), "is a symbol");
    case "function":
      return issue(walk, at(parent, key), "is a function; call it and use its result");
    case "undefined":
      return issue(walk, at(parent, key), "is undefined inside a list");
    default:
      return value === null ? "null" : serializeObject(value as object, at(parent, key), walk);
  }
}

/** The place of `parent`'s child `key`; `key` undefined is the default export itself. */
function at(parent: At | undefined, key: string | number | undefined): At | undefined {
  return key === undefined ? parent : child(parent, key);
}

function serializeObject(value: object, path: At | undefined, walk: Walk): string {
  const depth = walk.ancestors.length;
  for (let i = 0; i < depth; i++) {
    if (walk.ancestors[i] === value) return issue(walk, path, `refers back to ${pathText(walk.ancestorPaths[i]) || "the default export"} (a cycle)`);
  }
  if (depth >= MAX_DEPTH) return issue(walk, path, `is nested more than ${MAX_DEPTH} levels deep`);
  walk.ancestors[depth] = value;
  walk.ancestorPaths[depth] = path;
  const text = serializeContainer(value, path, walk);
  walk.ancestors.length = depth;
  walk.ancestorPaths.length = depth;
  return text;
}

/** A field of a branded value; a missing one becomes null, for the normalizer to report as a wrong shape. */
function field(value: object, key: string, path: At | undefined, walk: Walk): string {
  const v = read(value, key).value;
  return v === undefined ? "null" : serializeValue(v, path, key, walk);
}

function serializeContainer(value: object, path: At | undefined, walk: Walk): string {
  const kind = brandOf(value);
  if (kind === "mesh") return `{"$kind":"mesh","spec":${field(value, "spec", path, walk)}}`;
  if (kind === "service") return `{"$kind":"service","name":${field(value, "name", path, walk)},"spec":${field(value, "spec", path, walk)}}`;
  if (kind === "service-ref") return `{"$kind":"service-ref","name":${field(value, "name", path, walk)}}`;
  if (kind !== undefined) return issue(walk, path, `is an unknown meshc value (kind ${typeof kind === "string" ? quote(kind) : typeof kind})`);
  if (isArray(value)) return serializeArray(value as unknown[], path, walk);
  const proto: unknown = getPrototypeOf(value);
  if (proto !== OBJECT_PROTOTYPE && proto !== null) return issue(walk, path, `is an instance of ${className(proto as object)}; only plain objects and lists are data`);
  const parts: string[] = [];
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (typeof key === "symbol") {
      issue(walk, child(path, toText(key)), "is keyed by a symbol");
      continue;
    }
    const d = getOwnPropertyDescriptor(value, key);
    if (d === undefined || !d.enumerable) continue; // as JSON.stringify: non-enumerable properties are not data
    const v = d.get !== undefined ? apply(d.get, value, []) : d.value;
    if (v === undefined) continue;
    if (key === "$kind") {
      issue(walk, child(path, key), 'uses the key "$kind", which meshc reserves for its own values');
      continue;
    }
    parts[parts.length] = `${quoted(walk, key)}:${serializeValue(v, path, key, walk)}`;
  }
  return `{${joined(parts, ",")}}`;
}

function serializeArray(value: unknown[], path: At | undefined, walk: Walk): string {
  if (getPrototypeOf(value) !== ARRAY_PROTOTYPE) return issue(walk, path, `is an instance of ${className(getPrototypeOf(value) as object)}; only plain objects and lists are data`);
  const parts: string[] = [];
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const d = getOwnPropertyDescriptor(value, toText(i));
    parts[parts.length] = d === undefined ? issue(walk, child(path, i), "is an empty slot in a list") : serializeValue(d.get !== undefined ? apply(d.get, value, []) : d.value, path, i, walk);
  }
  return `[${joined(parts, ",")}]`;
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

/** Serializes the policy's default export into the outcome's JSON text (a PlainDataOutcome). */
export function serializePolicy(defaultExport: unknown): string {
  if (brandOf(defaultExport) !== "mesh") return `{"ok":false,"notMesh":${quote(describe(defaultExport))}}`;
  const walk: Walk = { issues: [], ancestors: [], ancestorPaths: [], quoted: quoteCache() };
  const text = serializeValue(defaultExport, undefined, undefined, walk);
  if (walk.issues.length === 0) return `{"ok":true,"mesh":${text}}`;
  const issues: string[] = [];
  for (let i = 0; i < walk.issues.length; i++) {
    const { path, reason } = walk.issues[i]!;
    issues[i] = `{"path":${quote(path)},"reason":${quote(reason)}}`;
  }
  return `{"ok":false,"issues":[${joined(issues, ",")}]}`;
}

/** Stores the outcome where the host reads it; non-writable, so nothing that runs later can replace it. */
export function publish(outcome: string): void {
  defineProperty(GLOBAL, OUTCOME_GLOBAL, { value: outcome, writable: false, enumerable: false, configurable: false });
}
