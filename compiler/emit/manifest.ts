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
 * Each entry's text in the manifest, by its digest and path: `JSON.stringify(manifest, null, 2)` writes an entry
 * as its own JSON with two spaces a level, every line after the first indented four more (JSON strings hold no
 * raw line breaks). An incremental build hands over the same digest objects for the files it did not rebuild,
 * so a one-service rebuild writes a few entries instead of 43 000 (issue 19).
 */
const entryTexts = new WeakMap<Digest, Map<string, string>>();

function entryText(path: string, digest: Digest): string {
  let byPath = entryTexts.get(digest);
  if (!byPath) entryTexts.set(digest, (byPath = new Map()));
  let text = byPath.get(path);
  if (text === undefined) {
    text = `    ${JSON.stringify({ path, sha256: digest.sha256, bytes: digest.bytes }, null, 2).replace(/\n/g, "\n    ")}`;
    byPath.set(path, text);
  }
  return text;
}

/** The last list of paths sorted, and its order: a rebuild hands over the same paths in the same order. */
let lastPaths: readonly string[] = [];
let lastOrder: readonly number[] = [];

function pathOrder(paths: readonly string[]): readonly number[] {
  if (paths.length === lastPaths.length && paths.every((p, i) => p === lastPaths[i])) return lastOrder;
  // Stable, by UTF-16 code unit, as a sort of the artifacts by path.
  const order = paths.map((_, i) => i).sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : a - b));
  lastPaths = paths;
  lastOrder = order;
  return order;
}

/**
 * The manifest of a build's artifacts: each file's sha256 and size, so a deploy can verify what it ships.
 * `digest` lets an incremental build reuse the digests of files it did not rebuild. The text is
 * `JSON.stringify(manifest, null, 2)` (test/emit/manifest.test.ts), written from entries made once.
 */
export function manifestOf(artifacts: readonly Artifact[], digest: (artifact: Artifact) => Digest = digestsByContent()): Artifact {
  const order = pathOrder(artifacts.map((a) => a.path));
  const entries = order.map((i) => entryText(artifacts[i]!.path, digest(artifacts[i]!)));
  const files = entries.length ? `[\n${entries.join(",\n")}\n  ]` : "[]";
  return { path: MANIFEST_FILE, content: `{\n  "meshc": 1,\n  "files": ${files}\n}\n` };
}
