// The deployment, as a function of the stack config: compile, plan, then one MeshZone per zone in rollout
// order, each waiting for the one before it. index.ts calls it with the stack's config; tests call it under
// Pulumi's engine mocks.
import * as pulumi from "@pulumi/pulumi";
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
  /** The compiled policy's digest: the stack that follows this one (`meshc:after`) checks it. */
  readonly policyDigest: string;
}

export async function deployMesh(config: StackConfig): Promise<Deployed> {
  const compiled = await compilePolicy(config);
  if (config.after) await requireRolledOut(config.after, compiled.digest);
  return deployCompiled(compiled, config);
}

/** A stack per zone: this zone goes only once the stack before it has deployed the same policy. */
async function requireRolledOut(after: string, digest: string): Promise<void> {
  const theirs: unknown = await new pulumi.StackReference(after).getOutputValue("policyDigest");
  if (theirs !== digest) {
    throw new DeployError(`meshc:after is ${after}, whose last update deployed ${theirs === undefined ? "no meshc policy" : `policy ${String(theirs)}`}; this stack's policy is ${digest}. Update ${after} first: zones roll out one stack after another, with the same policy, mode and drills.`);
  }
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
  return { zones, outputs: Object.fromEntries(zones.map((z, i) => [plan[i]!.zone.name, z.deployed])), policyDigest: compiled.digest };
}
