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

/**
 * Hashes already made, by the files' names and texts (nested maps, one level per name and per text). A rebuild in
 * the same process (`meshc build --watch`) hands over the same strings for every file that did not change, and a
 * Map finds a string it has seen by the hash V8 keeps in it: the kustomization of every zone names every
 * ConfigMap, and without this a one-service rebuild would hash every service's files again.
 */
type Memo = Map<string, Memo | string>;
let memo: Memo = new Map();
let memoized = 0;
/** More hashes than this kept and the memo starts afresh (a long watch session must not keep every old text). */
const MEMO_MAX = 50_000;
const HASH = "\0hash";

export function contentHash(files: SidecarFiles): string {
  let level = memo;
  for (const [name, content] of files) {
    for (const key of [name, content]) {
      let next = level.get(key);
      if (next === undefined) level.set(key, (next = new Map()));
      level = next as Memo;
    }
  }
  let hash = level.get(HASH) as string | undefined;
  if (hash === undefined) {
    hash = sha256Hex(JSON.stringify(files)).slice(0, HASH_LENGTH);
    if (++memoized > MEMO_MAX) {
      memo = new Map();
      memoized = 0;
    } else level.set(HASH, hash);
  }
  return hash;
}
