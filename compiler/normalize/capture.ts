import type { CaptureModel } from "../model";
import { parseCidr } from "./address";
import { type Field, readBoolean, readEnum, readIntegers, readStrings, sortedUnique } from "./read";

export const DEFAULT_CAPTURE: CaptureModel = {
  mode: "redirect",
  backend: "detect",
  includeInboundPorts: null,
  excludeInboundPorts: [],
  excludeOutboundPorts: [],
  excludeOutboundCidrs: { ipv4: [], ipv6: [] },
  includeOutboundCidrs: null,
  dns: false,
};

type ByFamily = { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] };

function cidrs(f: Field, key: string): ByFamily {
  const out = { ipv4: [] as string[], ipv6: [] as string[] };
  for (const item of readStrings(f, key)) {
    const cidr = parseCidr(item.value);
    if (cidr) out[cidr.family].push(cidr.text);
    else f.c.report("MESH014", item.path, `${JSON.stringify(item.value)} is not an IP address or CIDR.`, 'e.g. "10.96.0.0/12" or "fd00:10:96::/112"');
  }
  return out;
}

function union(a: ByFamily, b: ByFamily): ByFamily {
  return { ipv4: sortedUnique([...a.ipv4, ...b.ipv4]), ipv6: sortedUnique([...a.ipv6, ...b.ipv6]) };
}

/** "*" → null (everything); a list → the sorted list; absent → inherited. */
function allOrList<T>(f: Field, key: string, read: () => T, inherited: T | null): T | null {
  const v = f.obj[key];
  if (v === undefined) return inherited;
  if (v === "*") return null;
  return read();
}

/**
 * Capture options on top of inherited ones (mesh defaults, then the service's own). Exclusion lists add
 * up — a mesh-wide exclusion stays excluded for every service — while modes and include lists replace.
 */
export function readCapture(f: Field | undefined, inherited: CaptureModel): CaptureModel {
  if (!f) return inherited;
  const ports = (key: string) => sortedUnique(readIntegers(f, key).map((p) => p.value));
  return {
    mode: readEnum(f, "mode", ["redirect", "tproxy"], inherited.mode),
    backend: readEnum(f, "backend", ["detect", "nft"], inherited.backend),
    includeInboundPorts: allOrList(f, "includeInboundPorts", () => ports("includeInboundPorts"), inherited.includeInboundPorts),
    excludeInboundPorts: sortedUnique([...inherited.excludeInboundPorts, ...ports("excludeInboundPorts")]),
    excludeOutboundPorts: sortedUnique([...inherited.excludeOutboundPorts, ...ports("excludeOutboundPorts")]),
    excludeOutboundCidrs: union(inherited.excludeOutboundCidrs, cidrs(f, "excludeOutboundCidrs")),
    includeOutboundCidrs: allOrList(f, "includeOutboundCidrs", () => union({ ipv4: [], ipv6: [] }, cidrs(f, "includeOutboundCidrs")), inherited.includeOutboundCidrs),
    dns: readBoolean(f, "dns", inherited.dns),
  };
}

