// The rollout plan: which objects go to which zone, in which order. A pure function of the build's objects and
// the stack's zone order; the Pulumi program (mesh-zone.ts) only carries it out, so the order is tested here
// without an engine.
//
// Make-before-break, as docs/output-format.md's waves: within a zone, wave n+1 waits for every object of
// wave n (ConfigMaps and Services before the Deployments that mount and resolve them; subsets before the routes
// that name them), through the wave's rollout record (rollout-record.ts), so the edges stay linear in mesh
// size. Zones go one after another: a zone's first wave waits for the previous zone's gate (the record of its
// Deployments' wave, done once Pulumi has awaited them ready; or of its last wave when it runs none). Removals
// need no plan of their own: Pulumi deletes in the reverse order of these dependencies, after the replacements
// exist.
import { meshcNamespace } from "./meshc-namespace";
import type { KubeObject, ZoneObject } from "./output-objects";
import { rolloutRecord } from "./rollout-record";
import type { ZoneCluster } from "./stack-config";
import { DeployError } from "./deploy-error";

export interface PlannedObject {
  readonly object: KubeObject;
  /** Unique in the stack: `<zone>/<namespace>/<name>` (the resource type tells kinds apart). */
  readonly resourceName: string;
  /** A `pulumi.com/waitFor` condition the provider must see before the object counts as done. */
  readonly waitFor?: string;
}

export interface PlannedWave {
  readonly wave: number;
  readonly objects: readonly PlannedObject[];
  /** Depends on every object of the wave; the next wave (or zone) depends on it alone. */
  readonly record: PlannedObject;
}

export interface ZonePlan {
  readonly zone: ZoneCluster;
  /** Ascending waves; empty waves are left out. */
  readonly waves: readonly PlannedWave[];
  /** The resource name of the rollout record the next zone waits for. */
  readonly gate: string;
  /** Objects of this zone that an earlier zone on the same cluster already deploys (same object, same content). */
  readonly shared: readonly string[];
}

export interface PlanOptions {
  /** Istio: wait for istiod's Reconciled status on these kinds before later waves. */
  readonly waitForReconciled: readonly string[];
}

function identity(o: KubeObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

function resourceName(zone: string, o: KubeObject): string {
  return `${zone}/${o.metadata.namespace ?? "_"}/${o.metadata.name}`;
}

/** Canonical JSON (sorted keys), so equal objects compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Plans the rollout. `objects` maps each zone's name to its objects; `zones` is the rollout order. Zones that
 * share a cluster (same clusterIdentifier) deploy an object both list only once, in the earlier zone; the same
 * object with different content in two such zones is an error (one cluster cannot hold both).
 */
export function rolloutPlan(objects: ReadonlyMap<string, readonly ZoneObject[]>, zones: readonly ZoneCluster[], options: PlanOptions = { waitForReconciled: [] }): ZonePlan[] {
  // Content is compared only when two zones on one cluster list the same object (canonical JSON of every
  // ConfigMap's data would cost seconds at mesh scale for separate clusters, which never share).
  const owners = new Map<string, { zone: string; object: KubeObject; content?: string }>();
  return zones.map((zone) => {
    const list = objects.get(zone.name);
    if (!list) throw new DeployError(`the build has no objects for zone ${zone.name}: is it one of the policy's zones?`);
    const byWave = new Map<number, PlannedObject[]>();
    const shared: string[] = [];
    const names = new Set<string>();
    const own = meshcNamespace();
    const withOwn = list.some((o) => identity(o.object) === identity(own)) ? list : [{ object: own, file: "(meshc's own namespace)", wave: 0 }, ...list];
    for (const { object, file, wave } of withOwn) {
      const key = `${zone.clusterIdentifier}|${identity(object)}`;
      const owner = owners.get(key);
      if (owner) {
        owner.content ??= canonical(owner.object);
        if (owner.content !== canonical(object)) throw new DeployError(`${file}: ${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name} differs between zones ${owner.zone} and ${zone.name}, which share cluster ${zone.clusterIdentifier}`);
        if (owner.zone === zone.name) throw new DeployError(`${file}: ${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name} appears twice in zone ${zone.name}`);
        shared.push(identity(object));
        continue;
      }
      owners.set(key, { zone: zone.name, object });
      const name = resourceName(zone.name, object);
      if (names.has(`${object.apiVersion}/${object.kind}|${name}`)) throw new DeployError(`${file}: two ${object.kind} objects named ${name}`);
      names.add(`${object.apiVersion}/${object.kind}|${name}`);
      const waitFor = options.waitForReconciled.includes(object.kind) ? "condition=Reconciled" : undefined;
      const planned: PlannedObject = { object, resourceName: name, ...(waitFor ? { waitFor } : {}) };
      let wavesObjects = byWave.get(wave);
      if (!wavesObjects) byWave.set(wave, (wavesObjects = []));
      wavesObjects.push(planned);
    }
    const numbers = [...byWave.keys()].sort((a, b) => a - b);
    const waves = numbers.map((wave, i) => {
      const objs = byWave.get(wave)!;
      const record = rolloutRecord(zone.name, wave, objs.length, numbers[i + 1]);
      return { wave, objects: objs, record: { object: record, resourceName: resourceName(zone.name, record) } };
    });
    const gating = waves.filter((w) => w.objects.some((p) => p.object.kind === "Deployment")).at(-1) ?? waves.at(-1)!;
    return { zone, waves, gate: gating.record.resourceName, shared };
  });
}
