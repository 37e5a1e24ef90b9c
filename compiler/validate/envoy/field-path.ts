// Field paths inside an Envoy document, written the way the document spells them:
// `static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config`.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (PLAIN_KEY.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** How a path is printed when it is the document itself. */
export function shownPath(path: string): string {
  return path === "" ? "(document)" : path;
}
