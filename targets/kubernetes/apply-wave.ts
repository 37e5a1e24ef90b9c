// Apply waves (docs/output-format.md): every object says in which wave it is applied, for meshc's own deployer
// and, under Argo CD's annotation, for Argo CD; a file lists its objects in apply order.
import type { KubernetesObject } from "./k8s-types";

export const APPLY_WAVE = "meshc.io/apply-wave";
export const ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";

/** Wave 0: what pods and routes refer to; wave 2: the pods. (1 and 3 are the Istio target's.) */
const WAVE_OF_KIND: Readonly<Record<string, number>> = {
  Namespace: 0,
  ServiceAccount: 0,
  Role: 0,
  RoleBinding: 0,
  ConfigMap: 0,
  Service: 0,
  Deployment: 2,
};

export function waveOf(kind: string): number {
  const wave = WAVE_OF_KIND[kind];
  if (wave === undefined) throw new Error(`no apply wave for kind ${kind}`);
  return wave;
}

/** The object with its wave annotations added (both spellings carry the same number). */
export function withWave<T extends KubernetesObject>(object: T): T {
  const wave = String(waveOf(object.kind));
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, [APPLY_WAVE]: wave, [ARGO_SYNC_WAVE]: wave } } };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Apply order: by wave, then kind, then name (the one place it is decided). */
export function inApplyOrder<T extends KubernetesObject>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => waveOf(a.kind) - waveOf(b.kind) || compare(a.kind, b.kind) || compare(a.metadata?.name ?? "", b.metadata?.name ?? ""));
}
