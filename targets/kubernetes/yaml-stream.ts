// A file of Kubernetes objects: a YAML stream, one object per document, `---` between them.
import { stableYaml, type YamlValue } from "../stable-yaml";
import { inApplyOrder, withWave } from "./apply-wave";
import type { KubernetesObject } from "./k8s-types";

export function objectStream(objects: readonly KubernetesObject[]): string {
  return inApplyOrder(objects.map(withWave))
    .map((o) => stableYaml(o as unknown as YamlValue))
    .join("---\n");
}
