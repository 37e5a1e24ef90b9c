// Which apiVersion each Istio kind is written in, per `--istio-api` level, and the oldest Istio release the
// level's output is written for. Istio's routing API broke under its users (RouteRule → v1alpha3 in 0.8;
// v1beta1 beside it in 1.5; v1 in 1.22), so one policy must compile to whichever version a cluster serves.
//
// The published CRDs (crd-all.gen.yaml) carry the same OpenAPI schema for every served version of a kind, so
// the levels differ in apiVersion and in the release they imply, not in fields. security.istio.io never had a
// v1alpha3 and telemetry.istio.io never a v1beta1: the older levels take the oldest version those groups serve.
// EnvoyFilter was never promoted and is v1alpha3 at every level.
// https://istio.io/latest/blog/2024/v1-apis/ · https://github.com/istio/istio/wiki/Istio-Release-1.5
import type { IstioApi } from "../target";

export type IstioKind = "VirtualService" | "DestinationRule" | "ServiceEntry" | "Sidecar" | "EnvoyFilter" | "PeerAuthentication" | "AuthorizationPolicy" | "Telemetry";

/** An Istio release as [major, minor]. */
export type Release = readonly [number, number];

export interface ApiLevel {
  readonly name: IstioApi;
  readonly apiVersion: Readonly<Record<IstioKind, string>>;
  /**
   * The oldest release that serves every apiVersion of the level. v1alpha3 and v1beta1 both start at 1.5, the
   * first release with security.istio.io/v1beta1 PeerAuthentication (mTLS as meshc writes it); v1 at 1.22.
   */
  readonly release: Release;
}

const NETWORKING = "networking.istio.io";
const SECURITY = "security.istio.io";
const TELEMETRY = "telemetry.istio.io";

function level(name: IstioApi, networking: string, security: string, telemetry: string, release: Release): ApiLevel {
  return {
    name,
    apiVersion: {
      VirtualService: `${NETWORKING}/${networking}`,
      DestinationRule: `${NETWORKING}/${networking}`,
      ServiceEntry: `${NETWORKING}/${networking}`,
      Sidecar: `${NETWORKING}/${networking}`,
      EnvoyFilter: `${NETWORKING}/v1alpha3`,
      PeerAuthentication: `${SECURITY}/${security}`,
      AuthorizationPolicy: `${SECURITY}/${security}`,
      Telemetry: `${TELEMETRY}/${telemetry}`,
    },
    release,
  };
}

export const API_LEVELS: Readonly<Record<IstioApi, ApiLevel>> = {
  v1alpha3: level("v1alpha3", "v1alpha3", "v1beta1", "v1alpha1", [1, 5]),
  v1beta1: level("v1beta1", "v1beta1", "v1beta1", "v1alpha1", [1, 5]),
  v1: level("v1", "v1", "v1", "v1", [1, 22]),
};

export function releaseText(r: Release): string {
  return `Istio ${r[0]}.${r[1]}`;
}

export function releaseBefore(a: Release, b: Release): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
