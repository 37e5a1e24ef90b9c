// What the editor has open is newer than the disk: the language server builds a mirror of the policy's folder
// (a temporary copy) with every open document's text in place of its file, and maps the paths in the findings
// back to the author's files. Only files the editor changes are rewritten in the mirror.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

export interface PolicyMirror {
  readonly root: string;
  readonly mirror: string;
  /** Puts an open document's text in place of its file (a file outside the policy's folder is ignored). */
  write(file: string, text: string): void;
  /** The author's path for a path in the mirror (others unchanged). */
  real(path: string): string;
  /** The mirror's path for an author's file. */
  inMirror(file: string): string;
  dispose(): void;
}

const SKIP = new Set(["node_modules", ".git", "out"]);

export function policyMirror(root: string): PolicyMirror {
  const mirror = mkdtempSync(join(tmpdir(), "meshc-lsp-"));
  cpSync(root, mirror, { recursive: true, filter: (src) => !SKIP.has(relative(root, src).split(/[\\/]/)[0]!) });
  const inside = (file: string) => {
    const rel = relative(root, file);
    return rel !== "" && !rel.startsWith("..") ? rel : null;
  };
  return {
    root,
    mirror,
    write(file, text) {
      const rel = inside(file);
      if (rel === null) return;
      mkdirSync(dirname(join(mirror, rel)), { recursive: true });
      writeFileSync(join(mirror, rel), text);
    },
    real: (path) => (path === mirror || path.startsWith(mirror + "/") ? join(root, relative(mirror, path)) : path),
    inMirror: (file) => join(mirror, inside(file) ?? ""),
    dispose: () => rmSync(mirror, { recursive: true, force: true }),
  };
}
