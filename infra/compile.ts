// Compiles the policy in-process through meshc's public API (never by shelling out to the CLI). A policy
// with errors fails the update with meshc's own diagnostics, printed as `meshc check` prints them.
import { createHash } from "node:crypto";
import { build, renderPretty, summaryLine, targets as allTargets } from "../compiler/api";
import { DeployError } from "./deploy-error";
import type { Mode, StackConfig } from "./stack-config";

/** Which targets each mode deploys; the kubernetes target packages the Envoy and capture files itself. */
export const MODE_TARGETS: Readonly<Record<Mode, readonly string[]>> = {
  meshc: ["capture", "envoy", "kubernetes"],
  istio: ["istio"],
};
/** The output folder of each mode's objects (docs/output-format.md). */
export const MODE_FOLDER: Readonly<Record<Mode, string>> = { meshc: "kubernetes", istio: "istio" };

export interface Compiled {
  /** The build's files under the mode's folder, by path (the rest is packaged in them or not deployed). */
  readonly files: ReadonlyMap<string, string>;
  readonly zones: readonly string[];
  /**
   * What this compile deploys, whatever the stack's zones: a hash of every zone's objects of the mode. Stacks of
   * one mesh (a stack per zone) compare it to refuse rolling a zone ahead of the stack it follows (`meshc:after`).
   */
  readonly digest: string;
}

export async function compilePolicy(config: StackConfig): Promise<Compiled> {
  const wanted = MODE_TARGETS[config.mode];
  const chosen = allTargets.filter((t) => wanted.includes(t.name));
  const missing = wanted.filter((name) => !chosen.some((t) => t.name === name));
  if (missing.length) throw new DeployError(`this meshc has no ${missing.join(", ")} target`);
  const result = await build({ entry: config.policy, drills: config.drills, targets: chosen, istioApi: config.istioApi, delivery: config.delivery, ...(config.xdsServer ? { xdsServer: config.xdsServer } : {}) });
  if (!result.artifacts || !result.model) {
    const sources = (file: string) => result.sources.get(file);
    const text = result.diagnostics.map((d) => renderPretty(d, sources)).join("\n");
    throw new DeployError(`${text}\nmeshc: ${summaryLine(result.diagnostics)}`);
  }
  // Only the stack's zones' folders of the mode are kept: the Envoy and capture files the ConfigMaps are generated
  // from are inside them (kubernetes/<zone>/files/, the same strings as envoy/ and capture/), and a stack per zone
  // needs a third of the rest, all held while Pulumi serializes every object.
  const folder = `${MODE_FOLDER[config.mode]}/`;
  const hash = createHash("sha256");
  for (const a of [...result.artifacts].filter((a) => a.path.startsWith(folder)).sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))) hash.update(`${a.path}\0${a.content}\0`);
  const prefixes = config.zones.map((z) => `${MODE_FOLDER[config.mode]}/${z.name}/`);
  return { files: new Map(result.artifacts.filter((a) => prefixes.some((p) => a.path.startsWith(p))).map((a) => [a.path, a.content])), zones: result.model.zones, digest: `sha256:${hash.digest("hex")}` };
}
