// What the zone's server holds: for each sidecar config (workload × shape), its resources by type, encoded
// once and versioned by content. A policy change rebuilds only the configs whose workload reads a changed
// service (the same rule as compiler/watch), and says which configs changed, so only their sidecars get a
// push. Every new resource is checked against Envoy's protos before it is taken; a finding refuses the whole
// update, and the server keeps serving what it had.
//
// At scale (issue 20: 2 000 sidecars per zone at 1 000 services) the cost is building, checking and encoding,
// so each is done once: `warm()` builds every Envoy config before the server listens, so connecting sidecars
// are only sent bytes; versions of a service share one build, because a service's resources are the same for
// all its versions (docs/sidecar-layout.md, issue 19; test/serve/snapshot.test.ts holds it to that); and a
// resource equal to one already encoded (the same cluster in every caller's config) is checked and encoded
// once and shared.
import { createHash } from "node:crypto";
import type { MeshModel, Workload } from "../model";
import { workloads } from "../model";
import { clusterLoadAssignment, type EndpointSpec, servicesRead, sidecarResources, type XdsShape } from "../target-registry";
import { envoyIssues, type EnvoyDocumentKind } from "../validate/envoy";
import type { ModelChanges } from "../watch/model-changes";
import type { EndpointResolver } from "./endpoints";
import { encodeAny } from "./proto-json";
import { setVersion } from "./stream-context";
import { resourcePieces } from "./wire";
import { CLUSTER_TYPE, type EncodedResource, ENDPOINT_TYPE, LISTENER_TYPE, PUSH_ORDER, ROUTE_TYPE, type TypeUrl } from "./xds-types";

export type ResourceMap = ReadonlyMap<string, EncodedResource>;

export interface SidecarSnapshot {
  readonly key: string;
  readonly workload: string;
  readonly shape: XdsShape;
  readonly byType: ReadonlyMap<TypeUrl, ResourceMap>;
  /** The headless Service hosts its endpoints came from: an address change there changes this config. */
  readonly hosts: ReadonlySet<string>;
  /** The services its resources read (servicesRead, by name), when it was built. */
  readonly reads: readonly string[];
}

export function sidecarKey(workload: string, shape: XdsShape): string {
  return `${workload}|${shape}`;
}

const KIND: Readonly<Record<TypeUrl, EnvoyDocumentKind>> = { [LISTENER_TYPE]: "lds", [ROUTE_TYPE]: "rds", [CLUSTER_TYPE]: "cds", [ENDPOINT_TYPE]: "eds" };

export interface ZoneSnapshotOptions {
  readonly zone: string;
  readonly drills: readonly string[];
  readonly endpoints: EndpointResolver;
  /** Check every new resource against Envoy's protos. @default true */
  readonly validate?: boolean;
}

export interface ZoneSnapshot {
  readonly model: () => MeshModel;
  readonly workload: (service: string, version: string) => Workload | undefined;
  readonly workloadNamed: (name: string) => Workload | undefined;
  /** The config of a sidecar (built now unless warm() or an earlier request built it); a string when it cannot be served (the finding). */
  get(workload: Workload, shape: XdsShape): SidecarSnapshot | string;
  /** Builds every workload's Envoy config now; returns how many were built and the findings of those refused. */
  warm(): { built: number; refused: string[] };
  /** Takes a new model; returns the keys whose resources changed, or the findings that refused it. */
  update(model: MeshModel, changes: ModelChanges | null): { changed: string[] } | { errors: string[] };
  /** Rebuilds the endpoints of configs that use these hosts; returns the keys that changed. */
  endpointsChanged(hosts: ReadonlySet<string>): string[];
  readonly size: () => number;
}

function nameOf(resource: object): string {
  const r = resource as { name?: string; cluster_name?: string };
  return r.name ?? r.cluster_name ?? "";
}

export function zoneSnapshot(initial: MeshModel, options: ZoneSnapshotOptions): ZoneSnapshot {
  let model = initial;
  let byName = new Map(workloads(model).map((w) => [w.name, w]));
  const entries = new Map<string, SidecarSnapshot>();
  /** Every resource some config uses, by version, with how many configs use it: a rebuilt config is matched
   * against these, and a resource no config uses any more is let go. */
  const encoded = new Map<string, EncodedResource>();
  const uses = new Map<string, number>();
  /** Service name → the keys of the configs that read it: which configs a change to it makes stale. */
  const readers = new Map<string, Set<string>>();
  const validate = options.validate !== false;

  /** Counts `e` in: its resources' uses and the services it reads. */
  function take(e: SidecarSnapshot): void {
    for (const map of e.byType.values()) {
      for (const r of map.values()) {
        uses.set(r.version, (uses.get(r.version) ?? 0) + 1);
        if (!encoded.has(r.version)) encoded.set(r.version, r);
      }
    }
    for (const s of e.reads) {
      let keys = readers.get(s);
      if (!keys) readers.set(s, (keys = new Set()));
      keys.add(e.key);
    }
  }

  /** Counts `e` out; a resource used by no config any more is forgotten. */
  function drop(e: SidecarSnapshot): void {
    for (const map of e.byType.values()) {
      for (const r of map.values()) {
        const n = (uses.get(r.version) ?? 0) - 1;
        if (n > 0) uses.set(r.version, n);
        else (uses.delete(r.version), encoded.delete(r.version));
      }
    }
    for (const s of e.reads) {
      const keys = readers.get(s);
      keys?.delete(e.key);
      if (keys?.size === 0) readers.delete(s);
    }
  }

  /** Puts `made` in place of what `key` held (or removes it: undefined). Out before in: both count under the same key. */
  function replace(key: string, made: SidecarSnapshot | undefined): void {
    const old = entries.get(key);
    if (old) drop(old);
    if (made) (take(made), entries.set(key, made));
    else entries.delete(key);
  }

  /** Encodes (and checks) one resource, reusing an identical one already encoded. */
  function encode(type: TypeUrl, resource: object, into: Map<string, EncodedResource>, errors: string[]): EncodedResource {
    const json = JSON.stringify(resource);
    const version = createHash("sha1").update(type).update(json).digest("hex").slice(0, 16);
    const known = into.get(version) ?? encoded.get(version);
    if (known) return (into.set(version, known), known);
    const name = nameOf(resource);
    // The typed resource's JSON from the text already made: `@type` first, then the resource's own fields.
    const typed = `{"@type":${JSON.stringify(type)}${json === "{}" ? "" : `,${json.slice(1, -1)}`}}`;
    if (validate) {
      for (const issue of envoyIssues(KIND[type], `{"resources":[${typed}]}`)) {
        if (issue.severity === "error") errors.push(`${KIND[type]} ${name}: ${issue.path}: ${issue.message} [${issue.rule}]`);
      }
    }
    const any = encodeAny(JSON.parse(typed));
    const made: EncodedResource = { name, version, any, wire: resourcePieces(name, version, any) };
    into.set(version, made);
    return made;
  }

  /** One build pass's configs per (service, shape): what the versions of a service share. */
  type Shared = Map<string, Pick<SidecarSnapshot, "byType" | "hosts" | "reads">>;

  function build(m: MeshModel, workload: Workload, shape: XdsShape, into: Map<string, EncodedResource>, errors: string[], shared: Shared): SidecarSnapshot {
    const serviceKey = `${workload.service.name}|${shape}`;
    const known = shared.get(serviceKey);
    if (known) return { key: sidecarKey(workload.name, shape), workload: workload.name, shape, byType: known.byType, hosts: known.hosts, reads: known.reads };
    const findings = errors.length;
    const r = sidecarResources(m, { drills: options.drills }, workload, options.zone, shape);
    const hosts = new Set<string>();
    const assignment = (spec: EndpointSpec) => {
      for (const l of spec.localities) hosts.add(l.host);
      return clusterLoadAssignment(spec, (host, port) => options.endpoints.lookup(host, port));
    };
    const lists: Record<TypeUrl, readonly object[]> = { [CLUSTER_TYPE]: r.clusters, [ENDPOINT_TYPE]: r.endpoints.map(assignment), [LISTENER_TYPE]: r.listeners, [ROUTE_TYPE]: r.routes };
    const byType = new Map<TypeUrl, ResourceMap>();
    for (const type of PUSH_ORDER) {
      const map: ResourceMap = new Map(lists[type].map((res) => { const e = encode(type, res, into, errors); return [e.name, e] as const; }));
      setVersion(map);
      byType.set(type, map);
    }
    // What a workload reads depends on its service alone (servicesRead), so its versions share it too.
    const reads = servicesRead(m, workload);
    // A config with findings is not shared: each version that would use it is checked, and refused, on its own.
    if (errors.length === findings) shared.set(serviceKey, { byType, hosts, reads });
    return { key: sidecarKey(workload.name, shape), workload: workload.name, shape, byType, hosts, reads };
  }

  function same(a: SidecarSnapshot, b: SidecarSnapshot): boolean {
    for (const type of PUSH_ORDER) {
      const x = a.byType.get(type)!;
      const y = b.byType.get(type)!;
      if (x.size !== y.size) return false;
      for (const [name, e] of x) if (y.get(name)?.version !== e.version) return false;
    }
    return true;
  }

  /** Rebuilds the given entries against `m` and puts them in place, all or nothing; returns the keys that changed. */
  function rebuild(m: MeshModel, stale: readonly SidecarSnapshot[], workloadsOf: Map<string, Workload>): { changed: string[] } | { errors: string[] } {
    const errors: string[] = [];
    const fresh = new Map<string, EncodedResource>();
    const made: [key: string, made: SidecarSnapshot | undefined][] = [];
    const changed: string[] = [];
    const shared: Shared = new Map();
    for (const old of stale) {
      const w = workloadsOf.get(old.workload);
      if (!w) {
        made.push([old.key, undefined]);
        changed.push(old.key);
        continue;
      }
      const next = build(m, w, old.shape, fresh, errors, shared);
      made.push([old.key, next]);
      if (!same(old, next)) changed.push(old.key);
    }
    if (errors.length) return { errors: [...new Set(errors)] };
    for (const [key, next] of made) replace(key, next);
    return { changed };
  }

  return {
    model: () => model,
    workload: (service, version) => {
      const w = byName.get(`${service}-${version}`);
      return w && w.service.name === service && w.version === version ? w : undefined;
    },
    workloadNamed: (name) => byName.get(name),
    size: () => entries.size,
    get(workload, shape) {
      const key = sidecarKey(workload.name, shape);
      const have = entries.get(key);
      if (have) return have;
      const errors: string[] = [];
      const fresh = new Map<string, EncodedResource>();
      const made = build(model, workload, shape, fresh, errors, new Map());
      if (errors.length) return errors.join("; ");
      replace(key, made);
      return made;
    },
    warm() {
      const shared: Shared = new Map();
      const refused: string[] = [];
      let built = 0;
      for (const w of byName.values()) {
        if (entries.has(sidecarKey(w.name, "envoy"))) continue;
        const errors: string[] = [];
        const fresh = new Map<string, EncodedResource>();
        const made = build(model, w, "envoy", fresh, errors, shared);
        if (errors.length) {
          refused.push(`${w.name}: ${errors.join("; ")}`);
          continue;
        }
        replace(made.key, made);
        built++;
      }
      return { built, refused };
    },
    update(m, changes) {
      const workloadsOf = new Map(workloads(m).map((w) => [w.name, w]));
      // A config is stale when a service it read changed. Its reads as of its build are enough: a workload
      // reads its own service, the ones it calls and their mirror targets (servicesRead), so while none of
      // those changed, what it reads in the new model is what it read before; and a workload gone from the
      // model is one whose own service changed. Entries keep their order, so pushes go out as before.
      let stale: SidecarSnapshot[];
      if (!changes || changes.meshLevel) stale = [...entries.values()];
      else {
        const keys = new Set<string>();
        for (const s of changes.services) for (const key of readers.get(s) ?? []) keys.add(key);
        stale = [...entries.values()].filter((e) => keys.has(e.key));
      }
      const result = rebuild(m, stale, workloadsOf);
      if ("errors" in result) return result;
      model = m;
      byName = workloadsOf;
      return result;
    },
    endpointsChanged(hosts) {
      const stale = [...entries.values()].filter((e) => [...hosts].some((h) => e.hosts.has(h)));
      const result = rebuild(model, stale, byName);
      return "errors" in result ? [] : result.changed;
    },
  };
}
