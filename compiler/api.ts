// meshc's public programmatic API: what infra/, bench/ and tests outside the compiler use.
import { build, type BuildOptions, type BuildResult } from "./build";
import type { Diagnostic } from "./diagnostics/diagnostic";
import type { MeshModel } from "./model";

export { build } from "./build";
export type { BuildOptions, BuildResult, Checker } from "./build";
export type { Diagnostic } from "./diagnostics/diagnostic";
/** Diagnostics printed as `meshc check` prints them (infra/ fails an update with them). */
export { renderPretty, summaryLine } from "./diagnostics/render-pretty";
export type { MeshModel } from "./model";
export { workloads } from "./model";
export { writeAtomically } from "./emit/atomic-write";
export { MANIFEST_FILE } from "./emit/manifest";
export type { Manifest } from "./emit/manifest";
export { renderRegistry, REGISTRY_FILE } from "./typecheck";
export { incrementalBuilder } from "./watch";
export { type PolicyBundler, policyBundler } from "./load";
/** A load's stages one by one (the benchmark measures each apart: bench/load-split.ts). */
export * as loadStages from "./load/stages";
/** The Istio CRD check the build runs (the benchmark times it on its own). */
export { validateIstioArtifacts, warmIstioSchemas } from "./validate/istio";
export type { IncrementalBuilder, IncrementalResult } from "./watch";
/** The targets a build runs (the benchmark builds a target for chosen workloads through `perWorkload`). */
export { targets } from "./target-registry";
/** Where an xds delivery's server image holds the policy folder, unless told otherwise (docs/serve.md). */
export { XDS_POLICY_DIR } from "./cli/delivery-options";
/** What a zone's kustomization generates (the Pulumi program deploys those ConfigMaps; docs/output-format.md). */
export { readKustomization } from "./validate/kubernetes/kustomization";
export type { GeneratedConfigMap, KustomizationProblem, ReadKustomization } from "./validate/kubernetes/config-map-generator";
/** meshc's own namespace in each cluster (the Pulumi program keeps its rollout records there). */
export { MESHC_NAMESPACE } from "./target-registry";
export type { Artifact, Target, TargetOptions } from "../targets/target";

/**
 * Loads, normalizes and checks a policy without type-checking or running targets: the quick way to the mesh model.
 * `model` is null only when the policy could not be loaded at all.
 */
export async function compileModel(entry: string, options: Omit<BuildOptions, "entry" | "emit"> = {}): Promise<{ model: MeshModel | null; diagnostics: readonly Diagnostic[] }> {
  const result: BuildResult = await build({ checker: "none", ...options, entry, emit: false });
  return { model: result.model, diagnostics: result.diagnostics };
}
/** `meshc serve` in-process: a zone's ADS server (tests and the benchmark start it here). */
export { adsServiceDefinition, CLUSTER_TYPE, dnsEndpoints, ENDPOINT_TYPE, fileEndpoints, LISTENER_TYPE, ROUTE_TYPE, serveXds, staticEndpoints } from "./serve";
export type { EndpointResolver, PushEvent, ServeOptions, ServeStart, ServerTls, XdsServe } from "./serve";

/** `meshc diff` as a function (the benchmark measures it): two models and manifests in, the semantic diff out. */
export { semanticDiff } from "./review/diff/semantic-diff";
export type { DiffSide, MeshDiff } from "./review/diff/semantic-diff";
export { diffMarkdown } from "./review/diff/render-markdown";
