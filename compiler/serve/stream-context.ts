// What a stream handler (sotw.ts, delta.ts) needs from the server: to turn the node of its first request
// into a sidecar config (or a refusal), to be told when that config changes, and a log.
import { createHash } from "node:crypto";
import type { SidecarSnapshot } from "./snapshot";

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
