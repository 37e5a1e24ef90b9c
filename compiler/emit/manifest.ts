import { contentSha256 } from "./content-digest";
import type { Artifact } from "../../targets/target";

export const MANIFEST_FILE = "manifest.json";

export interface Manifest {
  readonly meshc: 1;
  /** Sorted by path. */
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly bytes: number }[];
}

/** A file's sha256 (hex) and size in bytes. */
export interface Digest {
  readonly sha256: string;
  readonly bytes: number;
}

export function digestOf(artifact: Artifact): Digest {
  return { sha256: contentSha256(artifact.content), bytes: Buffer.byteLength(artifact.content) };
}

/**
 * Digests by content for one manifest: 25 000 of the 43 000 paths at N = 1 000 repeat another's text (a service's
 * versions and zones share files, and each zone's kustomize root holds copies of them), mostly as the same string,
 * which a Map finds without comparing characters.
 */
function digestsByContent(): (artifact: Artifact) => Digest {
  const seen = new Map<string, Digest>();
  return (artifact) => {
    let digest = seen.get(artifact.content);
    if (digest === undefined) {
      digest = digestOf(artifact);
      seen.set(artifact.content, digest);
    }
    return digest;
  };
}

/**
 * The manifest of a build's artifacts: each file's sha256 and size, so a deploy can verify what it ships.
 * `digest` lets an incremental build reuse the digests of files it did not rebuild.
 */
export function manifestOf(artifacts: readonly Artifact[], digest: (artifact: Artifact) => Digest = digestsByContent()): Artifact {
  const files = [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((a) => ({ path: a.path, ...digest(a) }));
  const manifest: Manifest = { meshc: 1, files };
  return { path: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + "\n" };
}
