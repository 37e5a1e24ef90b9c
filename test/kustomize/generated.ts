// The ConfigMaps a build's kustomizations generate, read in memory by meshc's own reading
// (compiler/validate/kubernetes/config-map-generator.ts, which test/kustomize/equivalence.test.ts holds equal
// to kustomize's), keyed like objects read from files: `kubernetes/<zone>/kustomization.yaml`.
import { parse } from "yaml";
import { readKustomization } from "../../compiler/validate/kubernetes/kustomization";
import { KUSTOMIZATION_FILE } from "../../targets/sidecar-layout";

type Json = Record<string, any>;

export function generatedConfigMaps(files: ReadonlyMap<string, string>): { path: string; object: Json }[] {
  return [...files]
    .filter(([path]) => path.endsWith(`/${KUSTOMIZATION_FILE}`))
    .flatMap(([path, text]) => {
      const root = path.slice(0, -KUSTOMIZATION_FILE.length);
      const read = readKustomization(parse(text), (p) => files.get(root + p));
      if (read.problems.length) throw new Error(`${path}: ${read.problems.map((p) => p.message).join("; ")}`);
      return read.configMaps.map((c) => ({ path, object: c.object as Json }));
    });
}
