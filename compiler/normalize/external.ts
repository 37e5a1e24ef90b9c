import type { ExternalModel } from "../model";
import { parseAddress } from "./address";
import { type Collector, describe, isObject, type Json } from "./context";
import { normalizePorts } from "./ports";
import { readStrings } from "./read";
import { child } from "../diagnostics/model-path";

export function normalizeExternal(c: Collector, host: string, value: Json, path: string): ExternalModel | undefined {
  if (!isObject(value)) {
    c.report("MESH012", path, `external host '${host}' must be { ports, addresses? }, but is ${describe(value)}.`);
    return undefined;
  }
  const f = { c, obj: value, path };
  const addresses = readStrings(f, "addresses").flatMap((a) => {
    const parsed = parseAddress(a.value);
    if (parsed) return [parsed.text];
    c.report("MESH014", a.path, `${JSON.stringify(a.value)} is not an IP address.`);
    return [];
  });
  return { host: host.toLowerCase(), ports: normalizePorts(c, value.ports, child(path, "ports")), addresses: [...new Set(addresses)].sort() };
}
