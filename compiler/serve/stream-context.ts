// What a stream handler (sotw.ts, delta.ts) needs from the server: to turn the node of its first request
// into a sidecar config (or a refusal), to be told when that config changes, and a log.
import { createHash } from "node:crypto";
import type { ResourceMap, SidecarSnapshot } from "./snapshot";

/** One open ADS stream, as the server sees it. */
export interface XdsStream {
  /** Sends what changed in the sidecar's config. */
  push(config: SidecarSnapshot): void;
}

export interface StreamContext {
  /**
   * Identifies the stream's node. Returns its config, or undefined after ending the call with
   * PERMISSION_DENIED (a claim the certificate does not prove) or UNAVAILABLE (a config that cannot be served).
   */
  attach(node: unknown, call: AttachableCall, stream: XdsStream): SidecarSnapshot | undefined;
  detach(stream: XdsStream): void;
  readonly log: (line: string) => void;
}

export interface AttachableCall {
  getAuthContext?(): { sslPeerCertificate?: { subjectaltname?: string } } | null;
  emit(event: "error", error: Error & { code?: number; details?: string }): unknown;
  end(): void;
}

/** A short content version of a list of (name, version) pairs. */
export function versionOf(parts: readonly string[]): string {
  return createHash("sha1").update(parts.join("\n")).digest("hex").slice(0, 12);
}

/** The version of a type's whole set, per set: the sets are shared by every stream of a service. */
const setVersions = new WeakMap<ResourceMap, string>();

/**
 * A set's version (delta's system_version_info), made once per set. The snapshot asks for it when it builds
 * the set, before the server listens, so 2 000 sidecars connecting at once are not what computes it.
 */
export function setVersion(all: ResourceMap): string {
  let version = setVersions.get(all);
  if (version === undefined) setVersions.set(all, (version = versionOf([...all.values()].map((r) => `${r.name} ${r.version}`))));
  return version;
}
