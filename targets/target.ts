// What every target is: a pure function from the mesh model to artifacts. No I/O, no clock, no randomness.
import type { MeshModel } from "../compiler/model";

/** One generated file, by path relative to the output folder (forward slashes). */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/** Build-time choices that are not policy: which drills are switched on for this build. */
export interface TargetOptions {
  /** Names of the drills this build activates (`meshc build --drill NAME`). */
  readonly drills: readonly string[];
}

export interface Target {
  /** Folder name under the output directory, e.g. "envoy". */
  readonly name: string;
  readonly build: (mesh: MeshModel, options: TargetOptions) => readonly Artifact[];
}
