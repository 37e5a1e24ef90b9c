import { createHash } from "node:crypto";
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
  return { sha256: createHash("sha256").update(artifact.content).digest("hex"), bytes: Buffer.byteLength(artifact.content) };
}

/**
 * The manifest of a build's artifacts: each file's sha256 and size, so a deploy can verify what it ships.
 * `digest` lets an incremental build reuse the digests of files it did not rebuild.
 */
export function manifestOf(artifacts: readonly Artifact[], digest: (artifact: Artifact) => Digest = digestOf): Artifact {
  // Files with equal content (sidecar folders, zones) are hashed once; the key is the content string itself, so
  // a repeat costs a string comparison, not a hash.
  const byContent = new Map<string, Digest>();
  const once = (a: Artifact): Digest => {
    let d = byContent.get(a.content);
    if (d === undefined) {
      d = digest(a);
      byContent.set(a.content, d);
    }
    return d;
  };
  const files = [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((a) => ({ path: a.path, ...once(a) }));
  const manifest: Manifest = { meshc: 1, files };
  return { path: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + "\n" };
}
