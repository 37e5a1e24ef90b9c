// Field paths inside an Envoy document, written the way the document spells them:
// `static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config`.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How a key is appended to its parent's path (".key" or `["key"]`), worked out once per distinct key: the walk
 * makes a path for every field of every message, and testing the key was most of that. */
const suffixes = new Map<string, string>();
/** More keys than this and the memo starts afresh (keys come from the documents checked). */
const MAX_SUFFIXES = 100_000;

function suffixOf(key: string): string {
  let suffix = suffixes.get(key);
  if (suffix === undefined) {
    suffix = PLAIN_KEY.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (suffixes.size >= MAX_SUFFIXES) suffixes.clear();
    suffixes.set(key, suffix);
  }
  return suffix;
}

export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const suffix = suffixOf(key);
  // A plain key at the root has no dot before it.
  return parent ? parent + suffix : suffix.charCodeAt(0) === 46 ? key : suffix;
}

/** How a path is printed when it is the document itself. */
export function shownPath(path: string): string {
  return path === "" ? "(document)" : path;
}
