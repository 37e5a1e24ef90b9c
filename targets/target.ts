// What every target is: a pure function from the mesh model to artifacts. No I/O, no clock, no randomness.
import type { MeshModel, Workload } from "../compiler/model";

/** One generated file, by path relative to the output folder (forward slashes). */
export interface Artifact {
  readonly path: string;
  readonly content: string;
  /**
   * Optional, on a target's pieces only (Target.pieces): the YAML documents of `content` as the data each was
   * written from by stable-yaml, with its text, in order; `content` is their texts joined by `---` lines. The
   * validation may take a document's value for what reading its text back gives (compiler/validate/kubernetes/
   * written-documents.ts says when). joinPieces leaves them out of what it returns: they are handed on with the
   * piece, not kept with the build's files.
   */
  readonly documents?: readonly WrittenDocument[];
}

/** One YAML document of an artifact: the value stable-yaml wrote, and the text it wrote for it. */
export interface WrittenDocument {
  readonly text: string;
  readonly value: object;
}

/** The Istio API versions `meshc build --istio-api` can write (targets/istio/api-level.ts maps each to its kinds). */
export type IstioApi = "v1alpha3" | "v1beta1" | "v1";
export const ISTIO_APIS: readonly IstioApi[] = ["v1alpha3", "v1beta1", "v1"];
export const DEFAULT_ISTIO_API: IstioApi = "v1";

/** Build-time choices that are not policy: which drills are switched on for this build, which Istio API it writes. */
export interface TargetOptions {
  /** Names of the drills this build activates (`meshc build --drill NAME`). */
  readonly drills: readonly string[];
  /** The Istio API version the istio target writes (`meshc build --istio-api`). @default "v1" */
  readonly istioApi?: IstioApi;
  /**
   * How sidecars get their listeners and clusters (`meshc build --delivery`, docs/sidecar-layout.md): files in
   * their ConfigMaps, or xDS from each zone's `meshc serve`, which then needs `xdsServer`. @default "files"
   */
  readonly delivery?: "files" | "xds";
  /** The `meshc serve` Deployments of the xds delivery (docs/serve.md "In a cluster"). */
  readonly xdsServer?: XdsServerImage;
}

/** What runs each zone's `meshc serve`: an image holding meshc and the policy, and the entry's path in it. */
export interface XdsServerImage {
  readonly image: string;
  readonly entry: string;
}

/**
 * Something a target cannot express as the policy asks (e.g. a feature the chosen Istio API has no field for).
 * The build turns it into a diagnostic: `code` is a catalogue code, whose severity applies, and `path` the
 * model path the locator turns into the author's source span. Targets cannot import the diagnostics module,
 * so this is the plain-data shape they hand over.
 */
export interface TargetFinding {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * The artifacts of the targets a target packages (`Target.packages`), by path: opaque bytes to embed and hash,
 * never to parse. This is the one way a target sees another's output.
 */
export type PackagedFiles = ReadonlyMap<string, string>;

export interface Target {
  /** Folder name under the output directory, e.g. "envoy". */
  readonly name: string;
  /**
   * Names of the targets whose artifacts this one embeds (the kubernetes target packages the Envoy and capture
   * files into ConfigMaps). The build driver runs those first and passes their artifacts to `build`.
   */
  readonly packages?: readonly string[];
  /** `packaged` holds the artifacts of `packages` (the driver always passes it; targets that package nothing ignore it). */
  readonly build: (mesh: MeshModel, options: TargetOptions, packaged?: PackagedFiles) => readonly Artifact[];
  /**
   * Optional: `build`'s artifacts in pieces, in order, as they are made (joined, they are `build`'s: a target
   * with pieces builds by `joinPieces`). The build driver hands each piece to the validation as it comes, so the
   * other core checks the first services' files while this one makes the rest.
   */
  readonly pieces?: (mesh: MeshModel, options: TargetOptions, packaged?: PackagedFiles) => Iterable<readonly Artifact[]>;
  /** Optional: the same output one workload at a time, so a rebuild after a small change redoes only what it affects. */
  readonly perWorkload?: PerWorkload;
  /**
   * Optional: documents the build checks with this target's files and never writes: what the sidecars load at
   * run time instead of a file (with `--delivery xds`, the resources `meshc serve` sends). The same units and
   * reads as `perWorkload`; findings name their paths, which no output folder holds.
   */
  readonly checkedOnly?: CheckedOnly;
  /** Optional: what this target cannot express for this model and these options; run before `build`. */
  readonly findings?: (mesh: MeshModel, options: TargetOptions) => readonly TargetFinding[];
}

/** Documents that are checked, never written (Target.checkedOnly): the whole build's, and one workload's unit's. */
export interface CheckedOnly {
  readonly build: (mesh: MeshModel, options: TargetOptions) => readonly Artifact[];
  readonly perWorkload: (mesh: MeshModel, workload: Workload, options: TargetOptions) => readonly Artifact[];
}

/**
 * A target's output for one workload (compiler/watch uses it). `build` stays the reference; the contract, checked
 * by test/watch, is that `build(mesh, o)` equals `perWorkload.shared` followed by `perWorkload.build` of the first
 * workload of each unit, in `workloads(mesh)` order, concatenated, and that a workload's artifacts depend on
 * nothing in the model but the mesh-level settings (everything except `services`) and the services `reads` names.
 */
export interface PerWorkload {
  /** Files that belong to no unit (the Istio target's mesh-wide objects): small, and rebuilt by every rebuild. */
  readonly shared?: (mesh: MeshModel, options: TargetOptions, packaged?: PackagedFiles) => readonly Artifact[];
  /** `packaged` as for `Target.build`: the artifacts of the targets this one packages, as they are now. */
  readonly build: (mesh: MeshModel, workload: Workload, options: TargetOptions, packaged?: PackagedFiles) => readonly Artifact[];
  /**
   * Names of the services whose model this workload's artifacts read (its own included), present or not. A
   * target that packages others' files names only what it reads itself: compiler/watch adds what the packaged
   * targets' units read (their units must be the same), and rebuilds it whole if one of them has no units.
   */
  readonly reads: (mesh: MeshModel, workload: Workload) => readonly string[];
  /**
   * Workloads of one unit write the same files (the Envoy target's versions share their service's folders):
   * `build` of any of them returns the unit's artifacts, and a rebuild makes them once. Without it, each
   * workload is its own unit.
   */
  readonly unit?: (workload: Workload) => string;
}

/** A target's pieces (Target.pieces) as one list; `each` sees every piece as it is made. */
export function joinPieces(pieces: Iterable<readonly Artifact[]>, each?: (piece: readonly Artifact[]) => void): Artifact[] {
  const artifacts: Artifact[] = [];
  for (const piece of pieces) {
    each?.(piece);
    // A loop, not push(...): a piece may be long.
    for (const artifact of piece) artifacts.push(artifact.documents ? { path: artifact.path, content: artifact.content } : artifact);
  }
  return artifacts;
}
