// `kubernetes/<zone>/kustomization.yaml` (issue 19, docs/sidecar-layout.md): the zone's folder as a kustomize
// root. Its `resources` are the zone's object files; its `configMapGenerator` makes each sidecar ConfigMap from
// the files copied under the root (generatorFolder), so no byte of the Envoy and capture files is embedded in
// YAML. Every entry reproduces the ConfigMap meshc embedded before, field for field: meshc's content-named
// name (kustomize's own hash suffix is off), namespace, labels, the apply-wave annotations, immutable.
import { shareRendering, stableYaml, type YamlValue } from "../stable-yaml";
import { generatorFolder, RUNTIME_GENERATOR_FILE } from "../sidecar-layout";
import { withWave } from "./apply-wave";
import type { SidecarConfig } from "./config-map";

export const KUSTOMIZE_API_VERSION = "kustomize.config.k8s.io/v1beta1";

/** One ConfigMap to generate, with the service whose folder its files are copied into (none for the capture runtime). */
export interface GeneratedConfig {
  readonly service: string | null;
  readonly config: SidecarConfig;
}

/** The path inside the root of one file of a generated ConfigMap; every namespace's runtime ConfigMap reads one copy. */
export function generatorFile(service: string | null, config: SidecarConfig, name: string): string {
  if (config.kind === "capture-runtime" || service === null) return RUNTIME_GENERATOR_FILE;
  return `${generatorFolder(service, config.kind)}/${name}`;
}

type Entry = { readonly [key: string]: YamlValue };

function generatorValue({ service, config }: GeneratedConfig): Entry {
  const metadata = withWave(config.object).metadata!;
  return {
    name: config.name,
    namespace: metadata.namespace,
    // `key=path`: the key is the file name the pod mounts, whatever the copy is called.
    files: config.files.map(([name]) => `${name}=${generatorFile(service, config, name)}`),
    options: { disableNameSuffixHash: true, immutable: config.object.immutable ?? false, labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} },
  };
}

/**
 * Each config's entry, made once and marked so its YAML is written once (stable-yaml's shareRendering). A
 * kustomization names every ConfigMap of its zone (~2 000 entries, 1.2 MB at 1 000 services), and a one-service
 * rebuild (`meshc build --watch`) changes a few: config-map.ts hands over the same config object for every other
 * one, so its entry, a function of the config and the service, is the one made before, and so is its text.
 */
const entries = new WeakMap<SidecarConfig, Map<string | null, Entry>>();

function generator(generated: GeneratedConfig): Entry {
  let byService = entries.get(generated.config);
  if (!byService) entries.set(generated.config, (byService = new Map()));
  let entry = byService.get(generated.service);
  if (!entry) byService.set(generated.service, (entry = shareRendering(Object.freeze(generatorValue(generated)))));
  return entry;
}

/** The kustomization of one zone: `resources` in the order given, one generator per ConfigMap. */
export function kustomization(resources: readonly string[], generated: readonly GeneratedConfig[]): string {
  return stableYaml({ apiVersion: KUSTOMIZE_API_VERSION, kind: "Kustomization", resources: [...resources], configMapGenerator: generated.map(generator) });
}
