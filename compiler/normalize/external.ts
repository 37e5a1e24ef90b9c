import type { ExternalModel } from "../model";
import { parseAddress } from "./address";
import { type Collector, describe, isObject, type Json } from "./context";
import { normalizePorts } from "./ports";
import { readStrings } from "./read";
import { child } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import { byText } from "./order";

export function normalizeExternal(c: Collector, host: string, value: Json, path: string): ExternalModel | undefined {
  if (!isObject(value)) {
    c.report("MESH012", path, `external host ${shown(host)} must be { ports, addresses? }, but is ${describe(value)}.`);
    return undefined;
  }
  const f = { c, obj: value, path };
  const addresses = readStrings(f, "addresses").flatMap((a) => {
    const parsed = parseAddress(a.value);
    if (parsed) return [parsed.text];
    c.report("MESH014", a.path, `${shown(a.value)} is not an IP address.`);
    return [];
  });
  return { host: host.toLowerCase(), ports: normalizePorts(c, value.ports, child(path, "ports")), addresses: [...new Set(addresses)].sort() };
}

/**
 * Every external host, sorted. DNS names are case-insensitive, so hosts are lower-cased; two keys that differ
 * only in case would become one host twice (duplicate clusters and virtual-host domains, which Envoy rejects):
 * the later one is reported where the author wrote it, and dropped.
 */
export function normalizeExternals(c: Collector, entries: readonly { key: string; value: Json; path: string }[]): ExternalModel[] {
  const first = new Map<string, string>();
  const out: ExternalModel[] = [];
  for (const e of entries) {
    const host = e.key.toLowerCase();
    const earlier = first.get(host);
    if (earlier !== undefined) {
      c.report("MESH109", e.path, `external hosts ${shown(earlier)} and ${shown(e.key)} differ only in case; DNS names are case-insensitive, so they name one host.`, "keep one of them", [
        { path: child("mesh.external", earlier), message: "the same host, first listed here" },
      ]);
      continue;
    }
    first.set(host, e.key);
    const external = normalizeExternal(c, e.key, e.value, e.path);
    if (external) out.push(external);
  }
  return out.sort((a, b) => byText(a.host, b.host));
}
