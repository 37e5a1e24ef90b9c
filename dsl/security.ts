import type { ServiceRefs } from "./registry";

/** Mutual TLS between sidecars: "strict" rejects plaintext, "permissive" accepts both, "disable" turns it off. */
export type MtlsMode = "strict" | "permissive" | "disable";

/**
 * Who may call this service. Enforced in the service's own sidecar (no central policy check per request).
 * @example { allowFrom: [svc.gateway, svc.checkout] }
 */
export interface Access {
  /** Services allowed to call this one. @default every service of the mesh */
  readonly allowFrom?: ServiceRefs;
  /** mTLS mode for this service's inbound traffic. @default the mesh default ("strict") */
  readonly mtls?: MtlsMode;
}
