import type { Duration, Percent } from "./duration";
import type { Match } from "./match";
import type { ServiceRef } from "./registry";
import type { Retries } from "./resilience";

/**
 * Where a route sends traffic: one version, or versions with whole-number weights that sum to 100
 * (Envoy's and Istio's weights are integers).
 * @example "v2" or { v1: 90, v2: 10 }
 */
export type Destination<V extends string> = V | { readonly [K in V]?: number };

/**
 * Copies a share of the route's traffic to another service; responses of the copy are ignored.
 * @example { to: svc.orders_shadow, percent: 10 }
 */
export interface Mirror {
  /** The service receiving the copies. */
  readonly to: ServiceRef;
  /** One of its versions. @default its default (first) version */
  readonly version?: string;
  /** Share of requests copied. @default 100 */
  readonly percent?: Percent;
}

/**
 * One routing rule. Routes are tried in order; the first whose `when` matches decides.
 * @example { when: { headers: { "x-account-id": ["1001"] } }, to: "v2" }
 */
export interface Route<V extends string> {
  /** A name shown in diagnostics and in `explain`. @default "route-<index>" */
  readonly name?: string;
  /** What a request must look like. @default matches every request */
  readonly when?: Match;
  /** Destination version(s). */
  readonly to: Destination<V>;
  /** Overall timeout, retries included; "0s" means no timeout. @default the service's timeout */
  readonly timeout?: Duration;
  /** Retries; `false` disables them. @default the service's retries */
  readonly retries?: Retries | false;
  /** Copy traffic to another service. @default none */
  readonly mirror?: Mirror;
}
