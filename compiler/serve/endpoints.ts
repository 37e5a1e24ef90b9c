// Where EDS addresses come from. The model names each locality by its zone's headless Service
// (`zoneServiceHost`); which pods stand behind it only the cluster knows. `dnsEndpoints` asks DNS, as the
// STRICT_DNS clusters of file delivery do, and re-asks on a period; `fileEndpoints` reads a JSON map
// (host → ["[addr]:port" | "addr"]) and follows edits of it, for a cluster without DNS for pods and for tests.
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import type { ResolvedEndpoint } from "../target-registry";

export interface EndpointResolver {
  /** The pods behind a host now (empty while unknown). */
  lookup(host: string, port: number): readonly ResolvedEndpoint[];
  /** Called with the hosts whose addresses changed. */
  onChange(listener: (hosts: ReadonlySet<string>) => void): void;
  close(): void;
}

/** "[::1]:50051", "fd00::7", "10.0.0.3:80" → address and port (the cluster's port when none is given). */
export function parseEndpoint(text: string, port: number): ResolvedEndpoint {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { address: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : port };
  if (isIP(text)) return { address: text, port };
  const v4 = /^([\d.]+):(\d+)$/.exec(text);
  if (v4 && isIP(v4[1]!)) return { address: v4[1]!, port: Number(v4[2]) };
  throw new Error(`not an IP address or [address]:port: ${JSON.stringify(text)}`);
}

function changedHosts(before: ReadonlyMap<string, readonly string[]>, after: ReadonlyMap<string, readonly string[]>): Set<string> {
  const hosts = new Set<string>();
  for (const [h, v] of after) if (before.get(h)?.join() !== v.join()) hosts.add(h);
  for (const h of before.keys()) if (!after.has(h)) hosts.add(h);
  return hosts;
}

/** A resolver over a host → addresses table that the caller replaces as a whole. */
function tableResolver(initial: ReadonlyMap<string, readonly string[]>, stop: () => void): EndpointResolver & { replace(next: ReadonlyMap<string, readonly string[]>): void } {
  let table = initial;
  const listeners: ((hosts: ReadonlySet<string>) => void)[] = [];
  return {
    lookup: (host, port) => (table.get(host) ?? []).map((e) => parseEndpoint(e, port)),
    onChange: (l) => void listeners.push(l),
    close: stop,
    replace(next) {
      const hosts = changedHosts(table, next);
      table = next;
      if (hosts.size) for (const l of listeners) l(hosts);
    },
  };
}

function readTable(path: string): Map<string, string[]> {
  const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const table = new Map<string, string[]>();
  for (const [host, list] of Object.entries(data)) {
    if (!Array.isArray(list) || !list.every((e) => typeof e === "string")) throw new Error(`${path}: ${host} must map to a list of addresses`);
    for (const e of list) parseEndpoint(e, 1);
    table.set(host, [...list].sort());
  }
  return table;
}

export function staticEndpoints(table: Readonly<Record<string, readonly string[]>>): EndpointResolver {
  return tableResolver(new Map(Object.entries(table)), () => {});
}

/** The JSON file, read now and again after every change (a broken edit is reported and keeps the last table). */
export function fileEndpoints(path: string, report: (message: string) => void): EndpointResolver {
  let watcher: FSWatcher | undefined;
  const resolver = tableResolver(readTable(path), () => watcher?.close());
  let timer: NodeJS.Timeout | undefined;
  watcher = watch(path, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        resolver.replace(readTable(path));
      } catch (error) {
        report(`endpoints file ${path} not applied: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, 50);
  });
  return resolver;
}

/** DNS: each host asked on first use and every `refreshMs` after, AAAA first (IPv6 is the first-class case). */
export function dnsEndpoints(families: readonly ("ipv4" | "ipv6")[], refreshMs = 5000): EndpointResolver {
  const known = new Map<string, readonly string[]>();
  const asked = new Set<string>();
  const resolveHost = async (host: string): Promise<string[]> => {
    const lists = await Promise.all(families.map((f) => (f === "ipv6" ? dns.resolve6(host) : dns.resolve4(host)).catch(() => [] as string[])));
    return lists.flat().sort();
  };
  const refresh = async (hosts: Iterable<string>) => {
    const next = new Map(known);
    for (const h of hosts) next.set(h, await resolveHost(h));
    resolver.replace(next);
    for (const [h, v] of next) known.set(h, v);
  };
  const timer = setInterval(() => void refresh([...asked]), refreshMs);
  timer.unref();
  const resolver = tableResolver(new Map(), () => clearInterval(timer));
  return {
    lookup(host, port) {
      if (!asked.has(host)) {
        asked.add(host);
        void refresh([host]);
      }
      return (known.get(host) ?? []).map((e) => parseEndpoint(e, port));
    },
    onChange: resolver.onChange,
    close: resolver.close,
  };
}
