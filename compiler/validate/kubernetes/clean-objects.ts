// Generated ConfigMaps found clean, remembered for the rest of the process (`meshc build --watch` validates
// every zone's kustomization again whenever one of its ConfigMaps changes: 6 000 generated ConfigMaps at 1 000
// services, almost all as they were). An object is remembered by its fields' JSON without its data, then each
// data key and text, in nested maps: a Map finds a text it has seen by the hash V8 keeps in the string, and the
// watch path hands over the same strings for every file that did not change. Only "no finding" is remembered,
// so a finding is always computed, with its offsets, as before.
type Json = Record<string, unknown>;
interface Level extends Map<string, Level> {}
/** More objects than this and the memo starts afresh, so a long session does not keep every old text. */
const MAX_OBJECTS = 50_000;

let memo: Level = new Map();
let clean = new WeakSet<Level>();
let objects = 0;

function path(object: Json): string[] | undefined {
  const data = object.data;
  if (object.binaryData !== undefined || typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const keys: string[] = [JSON.stringify({ ...object, data: Object.keys(data) })];
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== "string") return undefined;
    keys.push(key, value);
  }
  return keys;
}

function leaf(keys: readonly string[], create: boolean): Level | undefined {
  let level = memo;
  for (const key of keys) {
    let next = level.get(key);
    if (next === undefined) {
      if (!create) return undefined;
      level.set(key, (next = new Map()));
    }
    level = next;
  }
  return level;
}

/** Whether this ConfigMap (every field, every data text) was found clean before. */
export function knownClean(object: Json): boolean {
  const keys = path(object);
  const at = keys && leaf(keys, false);
  return at !== undefined && clean.has(at);
}

export function rememberClean(object: Json): void {
  const keys = path(object);
  if (!keys) return;
  if (++objects > MAX_OBJECTS) {
    memo = new Map();
    clean = new WeakSet();
    objects = 1;
  }
  clean.add(leaf(keys, true)!);
}
