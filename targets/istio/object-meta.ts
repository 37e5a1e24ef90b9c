// Every Istio object meshc writes: apiVersion and kind from the API level, a name and namespace, the labels
// that say meshc owns it, and the apply wave (docs/output-format.md) as both meshc's and Argo CD's annotation.
import { toDnsLabel } from "../../compiler/model";
import type { ApiLevel, IstioKind } from "./api-level";

export const WAVE_ANNOTATION = "meshc.io/apply-wave";
export const ARGO_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
const MANAGED_BY = "meshc";

/**
 * Apply waves (docs/output-format.md): subsets, identities and policies first (1); VirtualServices last (3), so
 * a route never names a subset or host that does not exist yet. Removal goes in reverse wave order.
 */
export const WAVE: Readonly<Record<IstioKind, number>> = {
  DestinationRule: 1,
  ServiceEntry: 1,
  PeerAuthentication: 1,
  AuthorizationPolicy: 1,
  Sidecar: 1,
  EnvoyFilter: 1,
  Telemetry: 1,
  VirtualService: 3,
};

export interface IstioObject {
  readonly apiVersion: string;
  readonly kind: IstioKind;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly spec: object;
}

export function istioObject(level: ApiLevel, kind: IstioKind, mesh: string, name: string, namespace: string, spec: object): IstioObject {
  const wave = String(WAVE[kind]);
  return {
    apiVersion: level.apiVersion[kind],
    kind,
    metadata: {
      name,
      namespace,
      // The mesh's name is free text; a label value must be a DNS-1123-like label.
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [PART_OF_LABEL]: toDnsLabel(mesh) },
      annotations: { [WAVE_ANNOTATION]: wave, [ARGO_WAVE_ANNOTATION]: wave },
    },
    spec,
  };
}

/** Apply order inside a file: by wave, then kind, then namespace and name (docs/output-format.md). */
export function applyOrder(a: IstioObject, b: IstioObject): number {
  return WAVE[a.kind] - WAVE[b.kind] || cmp(a.kind, b.kind) || cmp(a.metadata.namespace, b.metadata.namespace) || cmp(a.metadata.name, b.metadata.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
