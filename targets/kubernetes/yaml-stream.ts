// A file of Kubernetes objects: a YAML stream, one object per document, `---` between them.
import { stableYaml, type YamlValue } from "../stable-yaml";
import type { WrittenDocument } from "../target";
import { inApplyOrder, withWave } from "./apply-wave";
import type { KubernetesObject } from "./k8s-types";

/** The stream's text, and each document's value and text (Artifact.documents), in the order written. */
export function objectFile(objects: readonly KubernetesObject[]): { content: string; documents: WrittenDocument[] } {
  const documents = inApplyOrder(objects.map(withWave)).map((o) => ({ text: stableYaml(o as unknown as YamlValue), value: o as object }));
  return { content: documents.map((d) => d.text).join("---\n"), documents };
}

export function objectStream(objects: readonly KubernetesObject[]): string {
  return objectFile(objects).content;
}
