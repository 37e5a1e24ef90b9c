// One availability zone of the mesh: its own Kubernetes provider and every object the rollout plan gives it,
// wave after wave, each wave behind the previous wave's rollout record. The component only carries out the
// plan (rollout-plan.ts decides the order).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { kubeResource } from "./resources";
import type { ZonePlan } from "./rollout-plan";

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
    const make = (planned: ZonePlan["waves"][number]["record"], dependsOn: readonly pulumi.Resource[]) => {
      const resource = kubeResource(planned.resourceName, planned.object, { parent: this, provider: this.provider, dependsOn: [...dependsOn] }, planned.waitFor);
      resources.set(planned.resourceName, resource);
      return resource;
    };
    let previous: readonly pulumi.Resource[] = args.after;
    for (const wave of args.plan.waves) {
      const created = wave.objects.map((planned) => make(planned, previous));
      previous = [make(wave.record, created)];
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
