// Runs the kubernetes target the way the build driver does: the targets it packages first, their artifacts
// handed over by path. Pure and quick: no policy loading, no validation.
import type { MeshModel } from "../../compiler/model";
import { captureTarget } from "../../targets/capture";
import { envoyTarget } from "../../targets/envoy";
import { kubernetesTarget } from "../../targets/kubernetes";
import type { TargetOptions } from "../../targets/target";

export interface PackagedBuild {
  /** The envoy and capture artifacts the kubernetes target packaged, by path. */
  readonly packaged: ReadonlyMap<string, string>;
  /** The kubernetes target's files, by path. */
  readonly files: ReadonlyMap<string, string>;
}

export function packagedBuild(model: MeshModel, drills: readonly string[] = [], delivery: Pick<TargetOptions, "delivery" | "xdsServer"> = {}): PackagedBuild {
  const options: TargetOptions = { drills, ...delivery };
  const packaged = new Map([...captureTarget.build(model, options), ...envoyTarget.build(model, options)].map((a) => [a.path, a.content] as const));
  assert(kubernetesTarget.packages?.every((name) => name === "envoy" || name === "capture"));
  const files = new Map(kubernetesTarget.build(model, options, packaged).map((a) => [a.path, a.content] as const));
  return { packaged, files };
}

function assert(ok: boolean | undefined): void {
  if (!ok) throw new Error("the kubernetes target packages targets this helper does not run");
}
