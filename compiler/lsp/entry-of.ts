// Which policy a document belongs to: the editor's setting (`initializationOptions.entry`), else the nearest
// `mesh.ts` at or above the document's folder that calls `defineMesh`, as the example and generated meshes name it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const ENTRY_NAME = "mesh.ts";

export function entryOf(file: string, configured: string | null): string | null {
  if (configured) return resolve(configured);
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, ENTRY_NAME);
    if (existsSync(candidate) && readFileSync(candidate, "utf8").includes("defineMesh")) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
