// The hash a ConfigMap's name ends in. SHA-256 over the files' names and bytes, framed unambiguously (JSON of
// the sorted pairs), cut to 10 hex digits (40 bits, kustomize's configMapGenerator length): names are compared
// only among the versions of one workload's config, so a collision would need ~2^20 versions of it.
//
// Targets import nothing of the host (no node:crypto), so the hash is pure JavaScript unless the compiler hands
// the target the host's own SHA-256 (`useHostSha256`, from compiler/target-registry.ts): the same digest, about
// ten times faster at mesh scale (~190 MB of sidecar files at 1 000 services).
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

const HASH_LENGTH = 10;

/** Files as [name, content] pairs, in name order (the caller sorts). */
export type SidecarFiles = readonly (readonly [string, string])[];

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export type Sha256Hex = (text: string) => string;

export const pureSha256: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

let sha256Hex: Sha256Hex = pureSha256;

/** Uses the host's SHA-256 from now on; it must give the same digests (test/kubernetes/content-hash.test.ts). */
export function useHostSha256(hash: Sha256Hex): void {
  sha256Hex = hash;
}

export function contentHash(files: SidecarFiles): string {
  return sha256Hex(JSON.stringify(files)).slice(0, HASH_LENGTH);
}
