// One availability zone of the mesh: its own Kubernetes provider and every object the rollout plan gives it,
// wave after wave, each wave behind the previous wave's rollout record. The component only carries out the
// plan (rollout-plan.ts decides the order).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { kubeResource } from "./resources";
import type { PlannedObject, ZonePlan } from "./rollout-plan";

export interface MeshZoneArgs {
  readonly plan: ZonePlan;
  /** What the zone's first wave waits for: the previous zone's gate (the record of its ready Deployments). */
  readonly after: readonly pulumi.Resource[];
}

export class MeshZone extends pulumi.ComponentResource {
  /** The zone's provider: every object of the zone is created through it. */
  readonly provider: k8s.Provider;
  /** Every object created, rollout records included, by resource name. */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** What the next zone waits for. */
  readonly gate: readonly pulumi.CustomResource[];
  /** Names of what was deployed, per kind (the stack's outputs; rollout records left out). */
  readonly deployed: pulumi.Output<Record<string, string[]>>;

  constructor(name: string, args: MeshZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshc:index:MeshZone", name, {}, opts);
    const { zone } = args.plan;
    this.provider = new k8s.Provider(`${zone.name}`, {
      ...(zone.kubeconfig ? { kubeconfig: zone.kubeconfig } : {}),
      ...(zone.context ? { context: zone.context } : {}),
      clusterIdentifier: zone.clusterIdentifier,
    }, { parent: this });
    const resources = new Map<string, pulumi.CustomResource>();
    const make = (planned: PlannedObject, dependsOn: readonly pulumi.Resource[]) => {
      const resource = kubeResource(planned.resourceName, planned.object, { parent: this, provider: this.provider, dependsOn: [...dependsOn] }, planned.waitFor);
      resources.set(planned.resourceName, resource);
      return resource;
    };
    // Pulumi's SDK records a stack trace on each of its promises (for its leak report), several per resource;
    // with source maps on (tsx) that was ~80 % of constructing a resource, seconds per thousand. The objects
    // are plain data, so an error here is a message, not a place in this loop: trace capture stays off while
    // they are constructed.
    const traceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let previous: readonly pulumi.Resource[] = args.after;
    try {
      for (const wave of args.plan.waves) {
        const created = wave.objects.map((planned) => make(planned, previous));
        previous = [make(wave.record, created)];
      }
    } finally {
      Error.stackTraceLimit = traceLimit;
    }
    this.resources = resources;
    const gate = resources.get(args.plan.gate);
    this.gate = gate ? [gate] : (args.after as pulumi.CustomResource[]);
    const byKind: Record<string, string[]> = {};
    for (const wave of args.plan.waves) for (const p of wave.objects) (byKind[p.object.kind] ??= []).push(`${p.object.metadata.namespace ? `${p.object.metadata.namespace}/` : ""}${p.object.metadata.name}`);
    this.deployed = pulumi.output(byKind);
    this.registerOutputs({ deployed: this.deployed });
  }
}
