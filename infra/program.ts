// The deployment, as a function of the stack config: compile, plan, then one MeshZone per zone in rollout
// order, each waiting for the one before it. index.ts calls it with the stack's config; tests call it under
// Pulumi's engine mocks.
import type * as pulumi from "@pulumi/pulumi";
import { type Compiled, compilePolicy, MODE_FOLDER } from "./compile";
import { MeshZone } from "./mesh-zone";
import { zoneObjects, type ZoneObject } from "./output-objects";
import { rolloutPlan } from "./rollout-plan";
import type { StackConfig } from "./stack-config";
import { DeployError } from "./deploy-error";

/** The Istio kinds whose propagation later waves depend on (subsets and hosts before routes). */
const ISTIO_RECONCILED = ["DestinationRule", "ServiceEntry"];

export interface Deployed {
  readonly zones: readonly MeshZone[];
  /** Per zone, what was deployed, by kind. */
  readonly outputs: Record<string, pulumi.Output<Record<string, string[]>>>;
}

export async function deployMesh(config: StackConfig): Promise<Deployed> {
  return deployCompiled(await compilePolicy(config), config);
}

/** The deployment of an already compiled policy (the benchmark times compiling and deploying apart). */
export function deployCompiled(compiled: Compiled, config: StackConfig): Deployed {
  for (const zone of config.zones) {
    if (!compiled.zones.includes(zone.name)) throw new DeployError(`meshc:zones names ${zone.name}, which the policy does not list (its zones: ${compiled.zones.join(", ")})`);
  }
  const folder = MODE_FOLDER[config.mode];
  const objects = new Map<string, ZoneObject[]>(config.zones.map((z) => [z.name, zoneObjects(compiled.files, folder, z.name)]));
  const plan = rolloutPlan(objects, config.zones, { waitForReconciled: config.mode === "istio" && config.istioWaitForReconciled ? ISTIO_RECONCILED : [] });
  const zones: MeshZone[] = [];
  let after: readonly pulumi.Resource[] = [];
  for (const zonePlan of plan) {
    const zone = new MeshZone(zonePlan.zone.name, { plan: zonePlan, after });
    zones.push(zone);
    after = zone.gate;
  }
  return { zones, outputs: Object.fromEntries(zones.map((z, i) => [plan[i]!.zone.name, z.deployed])) };
}
