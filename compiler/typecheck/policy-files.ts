// Which files' diagnostics belong to the author: the policy's own sources, never the DSL, the registry or
// the standard library. A file under the policy root that the entry imports counts even if the caller did
// not list it, so an error cannot hide in a helper module.
import { isAbsolute, relative, resolve } from "node:path";
import { DSL_DIR } from "./compiler-options";

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Returns a predicate telling whether a file (absolute path) is one of the policy's own source files. */
export function policyFilePredicate(root: string, files: readonly string[]): (file: string) => boolean {
  const listed = new Set(files.map((f) => resolve(f)));
  const rootDir = resolve(root);
  return (file) => {
    const path = resolve(file);
    if (listed.has(path)) return true;
    if (path.endsWith(".d.ts") || path.includes("/node_modules/")) return false;
    return isInside(rootDir, path) && !isInside(DSL_DIR, path);
  };
}
