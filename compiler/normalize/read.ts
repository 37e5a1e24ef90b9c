// Typed reads of the serialized policy. The type checker normally guarantees these shapes, but a policy can
// be built without a type check (and plain JavaScript is allowed), so every read is checked and reported
// as MESH012 with the value's path.
import { child } from "../diagnostics/model-path";
import { type Collector, describe, isObject, type Json, type JsonObject } from "./context";

export interface Field {
  readonly c: Collector;
  readonly obj: JsonObject;
  readonly path: string;
}

function wrong(f: Field, key: string, expected: string): void {
  f.c.report("MESH012", child(f.path, key), `'${key}' must be ${expected}, but is ${describe(f.obj[key])}.`);
}

export function has(f: Field, key: string): boolean {
  return f.obj[key] !== undefined && f.obj[key] !== null;
}

export function readString(f: Field, key: string, fallback: string): string {
  const v = f.obj[key];
  if (v === undefined) return fallback;
  if (typeof v === "string") return v;
  wrong(f, key, "a string");
  return fallback;
}

export function readNumber(f: Field, key: string, fallback: number, integer = false): number {
  const v = f.obj[key];
  if (v === undefined) return fallback;
  if (typeof v === "number" && Number.isFinite(v) && (!integer || Number.isInteger(v))) return v;
  wrong(f, key, integer ? "a whole number" : "a number");
  return fallback;
}

export function readBoolean(f: Field, key: string, fallback: boolean): boolean {
  const v = f.obj[key];
  if (v === undefined) return fallback;
  if (typeof v === "boolean") return v;
  wrong(f, key, "true or false");
  return fallback;
}

export function readEnum<T extends string>(f: Field, key: string, allowed: readonly T[], fallback: T): T {
  const v = f.obj[key];
  if (v === undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  wrong(f, key, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  return fallback;
}

export function readList(f: Field, key: string): { value: Json; path: string }[] {
  const v = f.obj[key];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.map((value, i) => ({ value, path: child(child(f.path, key), i) }));
  wrong(f, key, "a list");
  return [];
}

/** A nested object as a Field, or undefined when absent (or reported when it is not an object). */
export function readObject(f: Field, key: string): Field | undefined {
  const v = f.obj[key];
  if (v === undefined) return undefined;
  if (isObject(v)) return { c: f.c, obj: v, path: child(f.path, key) };
  wrong(f, key, "an object");
  return undefined;
}

/** Entries of a record-like object, in the author's order. */
export function readEntries(f: Field, key: string): { key: string; value: Json; path: string }[] {
  const inner = readObject(f, key);
  if (!inner) return [];
  return Object.entries(inner.obj).map(([k, value]) => ({ key: k, value, path: child(inner.path, k) }));
}

/** Reads a list of strings, reporting the entries that are not. */
export function readStrings(f: Field, key: string): { value: string; path: string }[] {
  return readList(f, key).flatMap((item) => {
    if (typeof item.value === "string") return [{ value: item.value, path: item.path }];
    f.c.report("MESH012", item.path, `each entry of '${key}' must be a string, but this is ${describe(item.value)}.`);
    return [];
  });
}

/** Reads a list of whole numbers, reporting the entries that are not. */
export function readIntegers(f: Field, key: string): { value: number; path: string }[] {
  return readList(f, key).flatMap((item) => {
    if (typeof item.value === "number" && Number.isInteger(item.value)) return [{ value: item.value, path: item.path }];
    f.c.report("MESH012", item.path, `each entry of '${key}' must be a whole number, but this is ${describe(item.value)}.`);
    return [];
  });
}

/** The name of a `svc.<name>` reference, or undefined (reported) when the value is not one. */
export function refName(c: Collector, value: Json, path: string): string | undefined {
  if (isObject(value) && value.$kind === "service-ref" && typeof value.name === "string") return value.name;
  c.report("MESH012", path, `expected a service reference such as svc.orders, but this is ${describe(value)}.`);
  return undefined;
}

export function sortedUnique<T extends string | number>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
