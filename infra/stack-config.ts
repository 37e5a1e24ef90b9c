// The stack's configuration (Pulumi.<stack>.yaml, namespace `meshc`), read and checked before anything is
// compiled or deployed: a misspelled mode or an empty zone list fails the update with one clear message.
import { basename, isAbsolute, join, resolve } from "node:path";
import { XDS_POLICY_DIR } from "../compiler/api";
import { homedir } from "node:os";
import { DeployError } from "./deploy-error";

export type Mode = "meshc" | "istio";
export type Delivery = "files" | "xds";
export type IstioApi = "v1alpha3" | "v1beta1" | "v1";

export interface ZoneCluster {
  /** The zone's name, as the policy lists it. */
  readonly name: string;
  /** A kubeconfig file (`~` expanded); absent: the default kubeconfig. */
  readonly kubeconfig?: string;
  /** A context inside the kubeconfig; absent: its current context. */
  readonly context?: string;
  /** The provider is replaced only when this changes; zones on one cluster share it. @default the zone name */
  readonly clusterIdentifier: string;
}

export interface StackConfig {
  /** Absolute path of the policy's entry file. */
  readonly policy: string;
  readonly mode: Mode;
  readonly istioApi: IstioApi;
  readonly istioWaitForReconciled: boolean;
  readonly drills: readonly string[];
  /** In rollout order, the canary first. */
  readonly zones: readonly ZoneCluster[];
  /**
   * With a stack per zone: the stack (`org/project/stack`) that rolls out before this one. The update is refused
   * unless that stack's last update deployed the same policy (its `policyDigest` output).
   */
  readonly after?: string;
  /** meshc mode: Envoy files in ConfigMaps, or xDS from each zone's `meshc serve` (docs/serve.md). */
  readonly delivery: Delivery;
  /** With the xds delivery: the image of `meshc serve` (meshc and the policy folder) and the entry's path in it. */
  readonly xdsServer?: { readonly image: string; readonly entry: string };
}

/** What the program needs of `pulumi.Config` (tests pass a plain object). */
export interface ConfigSource {
  get(key: string): string | undefined;
  getObject<T>(key: string): T | undefined;
}

const MODES: readonly Mode[] = ["meshc", "istio"];
const ISTIO_APIS: readonly IstioApi[] = ["v1alpha3", "v1beta1", "v1"];

function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path;
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DeployError(`meshc:${key} is "${value}"; expected one of ${allowed.join(", ")}`);
}

function zone(raw: unknown, index: number): ZoneCluster {
  if (typeof raw !== "object" || raw === null) throw new DeployError(`meshc:zones[${index}] must be an object with a name`);
  const z = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const v = z[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v === "") throw new DeployError(`meshc:zones[${index}].${key} must be a non-empty string`);
    return v;
  };
  const name = text("name");
  if (!name) throw new DeployError(`meshc:zones[${index}] has no name`);
  const kubeconfig = text("kubeconfig");
  const context = text("context");
  return { name, ...(kubeconfig ? { kubeconfig: expandHome(kubeconfig) } : {}), ...(context ? { context } : {}), clusterIdentifier: text("clusterIdentifier") ?? name };
}

/** Reads and checks the stack config; `projectDir` anchors a relative policy path. */
export function readStackConfig(config: ConfigSource, projectDir: string): StackConfig {
  const policy = config.get("policy");
  if (!policy) throw new DeployError("meshc:policy is not set: name the policy's entry file (e.g. ../examples/uaek/mesh.ts)");
  const zones = config.getObject<unknown[]>("zones");
  if (!Array.isArray(zones) || zones.length === 0) throw new DeployError("meshc:zones must list the zones to deploy, in rollout order");
  const parsed = zones.map(zone);
  const seen = new Set<string>();
  for (const z of parsed) {
    if (seen.has(z.name)) throw new DeployError(`meshc:zones lists ${z.name} twice`);
    seen.add(z.name);
  }
  const drills = config.getObject<unknown[]>("drills") ?? [];
  if (!Array.isArray(drills) || drills.some((d) => typeof d !== "string")) throw new DeployError("meshc:drills must be a list of drill names");
  const wait = config.get("istioWaitForReconciled");
  if (wait !== undefined && wait !== "true" && wait !== "false") throw new DeployError(`meshc:istioWaitForReconciled is "${wait}"; expected true or false`);
  const mode = oneOf("mode", config.get("mode"), MODES, "meshc");
  const delivery = oneOf("delivery", config.get("delivery"), ["files", "xds"] as const, "files");
  const xdsImage = config.get("xdsImage");
  if (delivery === "xds" && mode !== "meshc") throw new DeployError("meshc:delivery xds is for meshc:mode meshc (Istio's sidecars get their config from istiod)");
  if (delivery === "xds" && !xdsImage) throw new DeployError("meshc:delivery xds needs meshc:xdsImage: the image that runs each zone's meshc serve, holding meshc and the policy (docs/serve.md)");
  if (delivery === "files" && (xdsImage || config.get("xdsEntry"))) throw new DeployError("meshc:xdsImage and meshc:xdsEntry go with meshc:delivery xds");
  return {
    policy: isAbsolute(policy) ? policy : resolve(projectDir, expandHome(policy)),
    mode,
    istioApi: oneOf("istioApi", config.get("istioApi"), ISTIO_APIS, "v1"),
    istioWaitForReconciled: wait !== "false",
    drills: drills as string[],
    zones: parsed,
    ...(config.get("after") ? { after: config.get("after")! } : {}),
    delivery,
    ...(delivery === "xds" ? { xdsServer: { image: xdsImage!, entry: config.get("xdsEntry") ?? `${XDS_POLICY_DIR}/${basename(policy)}` } } : {}),
  };
}
