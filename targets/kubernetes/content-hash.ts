// The hash a ConfigMap's name ends in. SHA-256 over the files' names and bytes, framed unambiguously (JSON of
// the sorted pairs), cut to 10 hex digits (40 bits, kustomize's configMapGenerator length): names are compared
// only among the versions of one workload's config, so a collision would need ~2^20 versions of it.
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

const HASH_LENGTH = 10;

/** Files as [name, content] pairs, in name order (the caller sorts). */
export type SidecarFiles = readonly (readonly [string, string])[];

export function contentHash(files: SidecarFiles): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(files)))).slice(0, HASH_LENGTH);
}
