// Compiles the policy in-process through meshc's public API (never by shelling out to the CLI). A policy
// with errors fails the update with meshc's own diagnostics, printed as `meshc check` prints them.
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
  /** The build's files by path. */
  readonly files: ReadonlyMap<string, string>;
  readonly zones: readonly string[];
}

export async function compilePolicy(config: StackConfig): Promise<Compiled> {
  const wanted = MODE_TARGETS[config.mode];
  const chosen = allTargets.filter((t) => wanted.includes(t.name));
  const missing = wanted.filter((name) => !chosen.some((t) => t.name === name));
  if (missing.length) throw new DeployError(`this meshc has no ${missing.join(", ")} target`);
  const result = await build({ entry: config.policy, drills: config.drills, targets: chosen, istioApi: config.istioApi });
  if (!result.artifacts || !result.model) {
    const sources = (file: string) => result.sources.get(file);
    const text = result.diagnostics.map((d) => renderPretty(d, sources)).join("\n");
    throw new DeployError(`${text}\nmeshc: ${summaryLine(result.diagnostics)}`);
  }
  return { files: new Map(result.artifacts.map((a) => [a.path, a.content])), zones: result.model.zones };
}
