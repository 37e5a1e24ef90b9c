// protoc-gen-validate: the `(validate.rules)` options on Envoy's fields, which Envoy enforces on every config
// it loads (https://github.com/bufbuild/protoc-gen-validate#constraint-rules). The rules compare the decoded
// value; a proto3 scalar that is absent is checked as its default (an absent `name` with `min_len: 1` fails,
// as in Envoy), while message fields, oneof members and `optional` fields are checked only when set.
import { isIP } from "node:net";
import type * as protobuf from "protobufjs";
import type { Decoded, DecodedAt } from "./decoded-value";
import type { Located } from "./json-tree";

/** The merged `(validate.rules)` object of a field: `{ uint32: { lte: 65535 } }`, `{ repeated: { min_items: 1 } }`. */
export type Rules = Readonly<Record<string, unknown>>;
type Bag = Readonly<Record<string, unknown>>;

export type Report = (rule: string, message: string, at?: Located, path?: string) => void;

function merge(into: Record<string, unknown>, from: Bag): void {
  for (const [k, v] of Object.entries(from)) {
    const prev = into[k];
    if (prev && typeof prev === "object" && !Array.isArray(prev) && v && typeof v === "object" && !Array.isArray(v)) {
      const copy = { ...(prev as Bag) };
      merge(copy, v as Bag);
      into[k] = copy;
    } else into[k] = v;
  }
}

/** The field's PGV rules, merged from every `(validate.rules)` option entry; undefined when it has none. */
export function fieldRules(options: readonly Bag[] | null | undefined): Rules | undefined {
  const entries = (options ?? []).flatMap((o) => (o["(validate.rules)"] ? [o["(validate.rules)"] as Bag] : []));
  if (!entries.length) return undefined;
  const merged: Record<string, unknown> = {};
  for (const e of entries) merge(merged, e);
  return merged;
}

/** True when a message or oneof carries the given boolean PGV option. */
export function hasOption(options: readonly Bag[] | null | undefined, name: string): boolean {
  return (options ?? []).some((o) => o[name] === true);
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]);

function toBig(x: unknown): bigint {
  if (typeof x === "bigint") return x;
  if (typeof x === "string") return BigInt(x);
  return BigInt(Math.trunc(Number(x)));
}

function durationNanos(x: unknown): bigint {
  const b = (x ?? {}) as { seconds?: unknown; nanos?: unknown };
  return toBig(b.seconds ?? 0) * 1_000_000_000n + toBig(b.nanos ?? 0);
}

function showDuration(nanos: bigint): string {
  const s = Number(nanos) / 1e9;
  return `${s}s`;
}

/** lt/lte/gt/gte, including PGV's exclusive ranges (upper bound below lower bound: the value must lie outside). */
function bounds<T extends bigint | number>(r: Bag, v: T, conv: (x: unknown) => T, kind: string, show: (x: T) => string, report: Report): void {
  const lt = r.lt !== undefined ? conv(r.lt) : undefined;
  const lte = r.lte !== undefined ? conv(r.lte) : undefined;
  const gt = r.gt !== undefined ? conv(r.gt) : undefined;
  const gte = r.gte !== undefined ? conv(r.gte) : undefined;
  const upper = lt ?? lte;
  const lower = gt ?? gte;
  if (upper !== undefined && lower !== undefined && upper < lower) {
    const belowUpper = lt !== undefined ? v < lt : v <= lte!;
    const aboveLower = gt !== undefined ? v > gt : v >= gte!;
    if (!belowUpper && !aboveLower) report(`${kind}.${lt !== undefined ? "lt" : "lte"}/${gt !== undefined ? "gt" : "gte"}`, `${show(v)} must be outside (${show(upper)}, ${show(lower)})`);
    return;
  }
  if (lt !== undefined && !(v < lt)) report(`${kind}.lt = ${show(lt)}`, `${show(v)} must be less than ${show(lt)}`);
  if (lte !== undefined && !(v <= lte)) report(`${kind}.lte = ${show(lte)}`, `${show(v)} must be at most ${show(lte)}`);
  if (gt !== undefined && !(v > gt)) report(`${kind}.gt = ${show(gt)}`, `${show(v)} must be greater than ${show(gt)}`);
  if (gte !== undefined && !(v >= gte)) report(`${kind}.gte = ${show(gte)}`, `${show(v)} must be at least ${show(gte)}`);
}

function membership<T>(r: Bag, v: T, conv: (x: unknown) => T, kind: string, show: (x: T) => string, report: Report): void {
  if (r.const !== undefined && v !== conv(r.const)) report(`${kind}.const = ${show(conv(r.const))}`, `${show(v)} must equal ${show(conv(r.const))}`);
  const allowed = list(r.in).map(conv);
  if (allowed.length && !allowed.includes(v)) report(`${kind}.in`, `${show(v)} must be one of ${allowed.map(show).join(", ")}`);
  const denied = list(r.not_in).map(conv);
  if (denied.includes(v)) report(`${kind}.not_in`, `${show(v)} must not be one of ${denied.map(show).join(", ")}`);
}

function numeric(kind: string, r: Bag, d: Decoded, report: Report): void {
  if (d.t === "int") {
    if (r.ignore_empty === true && d.v === 0n) return;
    membership(r, d.v, toBig, kind, String, report);
    bounds(r, d.v, toBig, kind, String, report);
  } else if (d.t === "float") {
    if (r.ignore_empty === true && d.v === 0) return;
    membership(r, d.v, Number, kind, String, report);
    bounds(r, d.v, Number, kind, String, report);
  }
}

// HTTP header name and value grammars of PGV's well_known_regex (RFC 7230 token; field-value without CTLs).
const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
const HEADER_LOOSE = /^[^\u0000\u000A\u000D]*$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

const patterns = new Map<string, RegExp | null>();
/** PGV patterns are RE2; the ones Envoy uses are also valid JavaScript regular expressions. */
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, "u");
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null;
      }
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern)!;
}

const show = (x: string) => JSON.stringify(x);

/** What `[...s].length` counts (code points; a lone surrogate is one), without making the array. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** PGV's well-known string formats. */
const WELL_KNOWN: readonly [string, (x: string) => boolean][] = [
  ["email", (x) => EMAIL.test(x)],
  ["hostname", (x) => HOSTNAME.test(x)],
  ["ip", (x) => isIP(x) !== 0],
  ["ipv4", (x) => isIP(x) === 4],
  ["ipv6", (x) => isIP(x) === 6],
  ["uri", (x) => URI.test(x)],
  ["uri_ref", (x) => !/\s/.test(x)],
  ["address", (x) => isIP(x) !== 0 || HOSTNAME.test(x)],
  ["uuid", (x) => UUID.test(x)],
];

function stringRules(r: Bag, s: string, report: Report): void {
  if (r.ignore_empty === true && s === "") return;
  membership(r, s, String, "string", show, report);
  // Counted only for a rule that reads them: most strings with rules have only min_len or none of these.
  const runes = r.len !== undefined || r.min_len !== undefined || r.max_len !== undefined ? codePoints(s) : 0;
  const bytes = r.len_bytes !== undefined || r.min_bytes !== undefined || r.max_bytes !== undefined ? Buffer.byteLength(s, "utf8") : 0;
  if (r.len !== undefined && runes !== Number(r.len)) report(`string.len = ${r.len}`, `${show(s)} must be exactly ${r.len} characters`);
  if (r.min_len !== undefined && runes < Number(r.min_len)) report(`string.min_len = ${r.min_len}`, s === "" ? "is required (must not be empty)" : `${show(s)} must be at least ${r.min_len} characters`);
  if (r.max_len !== undefined && runes > Number(r.max_len)) report(`string.max_len = ${r.max_len}`, `must be at most ${r.max_len} characters, is ${runes}`);
  if (r.len_bytes !== undefined && bytes !== Number(r.len_bytes)) report(`string.len_bytes = ${r.len_bytes}`, `must be exactly ${r.len_bytes} bytes`);
  if (r.min_bytes !== undefined && bytes < Number(r.min_bytes)) report(`string.min_bytes = ${r.min_bytes}`, `must be at least ${r.min_bytes} bytes`);
  if (r.max_bytes !== undefined && bytes > Number(r.max_bytes)) report(`string.max_bytes = ${r.max_bytes}`, `must be at most ${r.max_bytes} bytes, is ${bytes}`);
  if (typeof r.pattern === "string") {
    const re = compiled(r.pattern);
    if (re && !re.test(s)) report(`string.pattern = ${JSON.stringify(r.pattern)}`, `${show(s)} does not match ${r.pattern}`);
  }
  if (typeof r.prefix === "string" && !s.startsWith(r.prefix)) report(`string.prefix`, `${show(s)} must start with ${show(r.prefix)}`);
  if (typeof r.suffix === "string" && !s.endsWith(r.suffix)) report(`string.suffix`, `${show(s)} must end with ${show(r.suffix)}`);
  if (typeof r.contains === "string" && !s.includes(r.contains)) report(`string.contains`, `${show(s)} must contain ${show(r.contains)}`);
  if (typeof r.not_contains === "string" && s.includes(r.not_contains)) report(`string.not_contains`, `${show(s)} must not contain ${show(r.not_contains)}`);
  for (const [name, ok] of WELL_KNOWN) if (r[name] === true && !ok(s)) report(`string.${name}`, `${show(s)} is not a valid ${name}`);
  if (r.well_known_regex === "HTTP_HEADER_NAME" || r.well_known_regex === "HTTP_HEADER_VALUE") {
    const strict = r.strict !== false;
    const re = !strict ? HEADER_LOOSE : r.well_known_regex === "HTTP_HEADER_NAME" ? HEADER_NAME_STRICT : HEADER_VALUE_STRICT;
    // An empty header name is left to min_len, as PGV's generated code does.
    if (!(r.well_known_regex === "HTTP_HEADER_NAME" && s === "") && !re.test(s)) report(`string.well_known_regex = ${r.well_known_regex}`, `${show(s)} is not a valid ${r.well_known_regex === "HTTP_HEADER_NAME" ? "HTTP header name" : "HTTP header value"}`);
  }
}

function bytesRules(r: Bag, b: Uint8Array, report: Report): void {
  if (r.ignore_empty === true && b.length === 0) return;
  if (r.len !== undefined && b.length !== Number(r.len)) report(`bytes.len = ${r.len}`, `must be exactly ${r.len} bytes`);
  if (r.min_len !== undefined && b.length < Number(r.min_len)) report(`bytes.min_len = ${r.min_len}`, `must be at least ${r.min_len} bytes`);
  if (r.max_len !== undefined && b.length > Number(r.max_len)) report(`bytes.max_len = ${r.max_len}`, `must be at most ${r.max_len} bytes`);
  if (r.ip === true && b.length !== 4 && b.length !== 16) report("bytes.ip", "must be 4 or 16 bytes");
  if (r.ipv4 === true && b.length !== 4) report("bytes.ipv4", "must be 4 bytes");
  if (r.ipv6 === true && b.length !== 16) report("bytes.ipv6", "must be 16 bytes");
}

function enumRules(r: Bag, v: number, en: protobuf.Enum | undefined, report: Report): void {
  membership(r, v, Number, "enum", String, report);
  if (r.defined_only === true && en && en.valuesById[v] === undefined) report("enum.defined_only", `${v} is not a defined value of ${en.fullName.slice(1)}`);
}

function timeRules(kind: string, r: Bag, nanos: bigint, report: Report): void {
  const conv = (x: unknown) => durationNanos(x);
  membership(r, nanos, conv, kind, showDuration, report);
  bounds(r, nanos, conv, kind, showDuration, report);
}

/** Checks one decoded value against the rules for its kind (scalars, enums, durations, Any). */
const NUMERIC_KINDS = ["int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "float", "double"];

export function checkValue(rules: Rules, d: Decoded, en: protobuf.Enum | undefined, report: Report): void {
  for (const kind of NUMERIC_KINDS) {
    if (rules[kind]) numeric(kind, rules[kind] as Bag, d, report);
  }
  if (rules.bool && d.t === "bool") {
    const c = (rules.bool as Bag).const;
    if (c !== undefined && d.v !== c) report(`bool.const = ${c}`, `must be ${c}`);
  }
  if (rules.string && d.t === "string") stringRules(rules.string as Bag, d.v, report);
  if (rules.bytes && d.t === "bytes") bytesRules(rules.bytes as Bag, d.v, report);
  if (rules.enum && d.t === "enum") enumRules(rules.enum as Bag, d.v, en, report);
  if (rules.duration && d.t === "time") timeRules("duration", rules.duration as Bag, d.nanos, report);
  if (rules.timestamp && d.t === "time") timeRules("timestamp", rules.timestamp as Bag, d.nanos, report);
  if (rules.any && d.t === "any") {
    const r = rules.any as Bag;
    const allowed = list(r.in).map(String);
    if (allowed.length && !allowed.includes(d.typeUrl)) report("any.in", `@type ${d.typeUrl} must be one of ${allowed.join(", ")}`);
    if (list(r.not_in).map(String).includes(d.typeUrl)) report("any.not_in", `@type ${d.typeUrl} is not allowed here`);
  }
}

/** `required` for message-typed fields: message.required, duration/timestamp/any.required. */
export function requiredRule(rules: Rules): string | undefined {
  for (const kind of ["message", "duration", "timestamp", "any"]) {
    if ((rules[kind] as Bag | undefined)?.required === true) return `${kind}.required`;
  }
  return undefined;
}

/** True when PGV must not descend into this embedded message (`message.skip`). */
export function skipsEmbedded(rules: Rules | undefined): boolean {
  return (rules?.message as Bag | undefined)?.skip === true;
}

function sameValue(a: Decoded, b: Decoded): boolean {
  if (a.t !== b.t) return false;
  if (a.t === "bytes" && b.t === "bytes") return Buffer.from(a.v).equals(Buffer.from(b.v));
  if ("v" in a && "v" in b) return a.v === b.v;
  return false;
}

/** repeated.*: item count, uniqueness, then `items` rules on each element. */
export function checkRepeated(rules: Rules, items: readonly DecodedAt[], en: protobuf.Enum | undefined, report: Report): void {
  const r = rules.repeated as Bag | undefined;
  if (!r) return;
  if (r.ignore_empty === true && items.length === 0) return;
  if (r.min_items !== undefined && items.length < Number(r.min_items)) report(`repeated.min_items = ${r.min_items}`, `needs at least ${r.min_items} item(s), has ${items.length}`);
  if (r.max_items !== undefined && items.length > Number(r.max_items)) report(`repeated.max_items = ${r.max_items}`, `allows at most ${r.max_items} item(s), has ${items.length}`);
  if (r.unique === true) {
    items.forEach((item, i) => {
      if (items.slice(0, i).some((prev) => sameValue(prev.value, item.value))) report("repeated.unique", "items must be unique; this one repeats an earlier item", item.at, item.path);
    });
  }
  const itemRules = r.items as Rules | undefined;
  if (itemRules) for (const item of items) checkValue(itemRules, item.value, en, (rule, message) => report(`repeated.items.${rule}`, message, item.at, item.path));
}

/** map.*: pair count, then `keys` and `values` rules. */
export function checkMap(rules: Rules, entries: readonly { key: DecodedAt; value: DecodedAt }[], en: protobuf.Enum | undefined, report: Report): void {
  const r = rules.map as Bag | undefined;
  if (!r) return;
  if (r.ignore_empty === true && entries.length === 0) return;
  if (r.min_pairs !== undefined && entries.length < Number(r.min_pairs)) report(`map.min_pairs = ${r.min_pairs}`, `needs at least ${r.min_pairs} entries, has ${entries.length}`);
  if (r.max_pairs !== undefined && entries.length > Number(r.max_pairs)) report(`map.max_pairs = ${r.max_pairs}`, `allows at most ${r.max_pairs} entries, has ${entries.length}`);
  const keyRules = r.keys as Rules | undefined;
  const valueRules = r.values as Rules | undefined;
  for (const { key, value } of entries) {
    if (keyRules) checkValue(keyRules, key.value, undefined, (rule, message) => report(`map.keys.${rule}`, message, key.at, key.path));
    if (valueRules) checkValue(valueRules, value.value, en, (rule, message) => report(`map.values.${rule}`, message, value.at, value.path));
  }
}
