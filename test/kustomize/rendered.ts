// What `kubectl apply -k` would apply: every zone root of a build's kubernetes files rendered by the real
// kustomize (kubectl.ts), one stream per zone, keyed `kubernetes/<zone>/(rendered)` so a test that reads
// objects by zone from file paths reads the rendered ones the same way.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KUSTOMIZATION_FILE } from "../../targets/sidecar-layout";
import { kustomize } from "./kubectl";

export const RENDERED = "(rendered)";

/** Writes `files` (paths relative to an output folder) into `dir`. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  const folders = new Set<string>();
  for (const [path, content] of files) {
    const file = join(dir, path);
    if (!folders.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
    folders.add(dirname(file));
    writeFileSync(file, content);
  }
}

/** Each zone's rendered stream, from the kustomization files among `files`. */
export function renderZones(files: ReadonlyMap<string, string>): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "meshc-kustomize-"));
  try {
    writeFiles(dir, files);
    const roots = [...files.keys()].filter((p) => p.endsWith(`/${KUSTOMIZATION_FILE}`)).map((p) => p.slice(0, -KUSTOMIZATION_FILE.length - 1)).sort();
    if (!roots.length) throw new Error("no kustomization among the files");
    return new Map(roots.map((root) => [`${root}/${RENDERED}`, kustomize(join(dir, root))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
