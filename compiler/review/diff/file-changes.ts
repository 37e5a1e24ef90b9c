// The file-level diff: the two builds' manifests compared by sha256 (docs/output-format.md), grouped by the
// top folder (envoy, capture, …) so a reviewer sees the scale before the list.
import type { Manifest } from "../../emit/manifest";

export interface FileChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: number;
  /** Per top folder ("envoy", "capture", "model.json"). */
  readonly byFolder: readonly { readonly folder: string; readonly added: number; readonly removed: number; readonly changed: number }[];
  /** Bytes of the head's files that are new or changed. */
  readonly bytes: number;
}

export function fileChanges(base: Manifest, head: Manifest): FileChanges {
  const before = new Map(base.files.map((f) => [f.path, f]));
  const after = new Map(head.files.map((f) => [f.path, f]));
  const added = head.files.filter((f) => !before.has(f.path)).map((f) => f.path);
  const removed = base.files.filter((f) => !after.has(f.path)).map((f) => f.path);
  const changed = head.files.filter((f) => before.has(f.path) && before.get(f.path)!.sha256 !== f.sha256).map((f) => f.path);
  const folder = (path: string) => path.split("/")[0]!;
  const folders = [...new Set([...added, ...removed, ...changed].map(folder))].sort();
  const n = (list: readonly string[], f: string) => list.filter((p) => folder(p) === f).length;
  const bytes = [...added, ...changed].reduce((sum, p) => sum + after.get(p)!.bytes, 0);
  return {
    added,
    removed,
    changed,
    unchanged: head.files.length - added.length - changed.length,
    byFolder: folders.map((f) => ({ folder: f, added: n(added, f), removed: n(removed, f), changed: n(changed, f) })),
    bytes,
  };
}
