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
  let entries = new Map<string, SidecarSnapshot>();
  let encoded = new Map<string, EncodedResource>();
  const validate = options.validate !== false;

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
  type Shared = Map<string, Pick<SidecarSnapshot, "byType" | "hosts">>;

  function build(m: MeshModel, workload: Workload, shape: XdsShape, into: Map<string, EncodedResource>, errors: string[], shared: Shared): SidecarSnapshot {
    const serviceKey = `${workload.service.name}|${shape}`;
    const known = shared.get(serviceKey);
    if (known) return { key: sidecarKey(workload.name, shape), workload: workload.name, shape, byType: known.byType, hosts: known.hosts };
    const findings = errors.length;
    const r = sidecarResources(m, { drills: options.drills }, workload, options.zone, shape);
    const hosts = new Set<string>();
    const assignment = (spec: EndpointSpec) => {
      for (const l of spec.localities) hosts.add(l.host);
      return clusterLoadAssignment(spec, (host, port) => options.endpoints.lookup(host, port));
    };
    const lists: Record<TypeUrl, readonly object[]> = { [CLUSTER_TYPE]: r.clusters, [ENDPOINT_TYPE]: r.endpoints.map(assignment), [LISTENER_TYPE]: r.listeners, [ROUTE_TYPE]: r.routes };
    const byType = new Map<TypeUrl, ResourceMap>();
    for (const type of PUSH_ORDER) byType.set(type, new Map(lists[type].map((res) => { const e = encode(type, res, into, errors); return [e.name, e] as const; })));
    // A config with findings is not shared: each version that would use it is checked, and refused, on its own.
    if (errors.length === findings) shared.set(serviceKey, { byType, hosts });
    return { key: sidecarKey(workload.name, shape), workload: workload.name, shape, byType, hosts };
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

  /** Keeps only the encoded resources some config still uses. */
  function sweep(): void {
    const live = new Map<string, EncodedResource>();
    for (const e of entries.values()) for (const map of e.byType.values()) for (const r of map.values()) live.set(r.version, r);
    encoded = live;
  }

  /** Rebuilds the given entries against `m`; all or nothing. */
  function rebuild(m: MeshModel, stale: readonly SidecarSnapshot[], workloadsOf: Map<string, Workload>): { next: Map<string, SidecarSnapshot>; changed: string[] } | { errors: string[] } {
    const errors: string[] = [];
    const fresh = new Map<string, EncodedResource>();
    const next = new Map(entries);
    const changed: string[] = [];
    const shared: Shared = new Map();
    for (const old of stale) {
      const w = workloadsOf.get(old.workload);
      if (!w) {
        next.delete(old.key);
        changed.push(old.key);
        continue;
      }
      const made = build(m, w, old.shape, fresh, errors, shared);
      next.set(old.key, made);
      if (!same(old, made)) changed.push(old.key);
    }
    if (errors.length) return { errors: [...new Set(errors)] };
    for (const [v, e] of fresh) encoded.set(v, e);
    return { next, changed };
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
      for (const [v, e] of fresh) encoded.set(v, e);
      entries.set(key, made);
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
        for (const [v, e] of fresh) encoded.set(v, e);
        entries.set(made.key, made);
        built++;
      }
      return { built, refused };
    },
    update(m, changes) {
      const workloadsOf = new Map(workloads(m).map((w) => [w.name, w]));
      const stale = [...entries.values()].filter((e) => {
        if (!changes || changes.meshLevel) return true;
        const w = workloadsOf.get(e.workload);
        return !w || servicesRead(m, w).some((s) => changes.services.has(s));
      });
      const result = rebuild(m, stale, workloadsOf);
      if ("errors" in result) return result;
      model = m;
      byName = workloadsOf;
      entries = result.next;
      sweep();
      return { changed: result.changed };
    },
    endpointsChanged(hosts) {
      const stale = [...entries.values()].filter((e) => [...hosts].some((h) => e.hosts.has(h)));
      const result = rebuild(model, stale, byName);
      if ("errors" in result) return [];
      entries = result.next;
      sweep();
      return result.changed;
    },
  };
}
