// What a policy file may import: "meshc" (handled by the plugin) and its own source files under the policy
// root, nothing else. This is part of the sandbox boundary: whatever resolves here is read and bundled
// into the script the sandbox evaluates, so a file outside the root (the user's ~/.ssh, /etc, a sibling
// project) must never resolve, whether named by "../", by an absolute path or through a symbolic link.
// Deciding only touches the file system with stat/realpath; a rejected file is never read.
import { realpathSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";

/** The file kinds a policy may be written in (TypeScript and JavaScript in their ESM/CJS flavours). */
export const SOURCE_EXTENSIONS: readonly string[] = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/** TypeScript's ESM convention: `import "./x.js"` names the source `./x.ts` (likewise .mjs → .mts, .cjs → .cts). */
const TS_FOR_JS: Readonly<Record<string, string>> = { ".js": ".ts", ".mjs": ".mts", ".cjs": ".cts" };

/**
 * Extensions that name data or other languages: rejected as MESH004 without looking at the disk, since
 * nothing with them could ever be policy source (esbuild would happily load .json or .txt as a module).
 */
const NON_SOURCE_EXTENSIONS = new Set([".json", ".jsonc", ".json5", ".txt", ".node", ".wasm", ".yaml", ".yml", ".toml", ".csv", ".css", ".html", ".md", ".tsx", ".jsx", ".sh", ".env"]);

const NODE_BUILTINS = new Set(builtinModules);

export type ImportDecision =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly code: "MESH002" | "MESH003" | "MESH004"; readonly message: string };

function reject(code: "MESH002" | "MESH003" | "MESH004", message: string): ImportDecision {
  return { ok: false, code, message };
}

/** True if `file` lies strictly inside `dir` (both absolute and normalized). */
export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== "" && rel !== ".." && !rel.startsWith("../") && !isAbsolute(rel);
}

export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(file));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file a relative import names, tried the way TypeScript's bundler resolution does; undefined if none exists. */
function findFile(lexical: string): string | undefined {
  if (isFile(lexical)) return lexical;
  const ext = extname(lexical);
  const swapped = TS_FOR_JS[ext];
  const candidates = [
    ...(swapped ? [lexical.slice(0, -ext.length) + swapped] : []),
    ...SOURCE_EXTENSIONS.map((e) => lexical + e),
    ...SOURCE_EXTENSIONS.map((e) => join(lexical, `index${e}`)),
  ];
  return candidates.find(isFile);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split("/")[0]!);
}

function resolveRelative(specifier: string, importer: string, root: string): ImportDecision {
  const lexical = resolve(dirname(importer), specifier);
  const quoted = JSON.stringify(specifier);
  if (!isInside(root, lexical)) return reject("MESH003", `${quoted} points outside the policy's root folder ${root}.`);
  if (NON_SOURCE_EXTENSIONS.has(extname(lexical))) {
    return reject("MESH004", `${quoted} is not TypeScript or JavaScript source (${extname(lexical)}); a policy imports only ${SOURCE_EXTENSIONS.join("/")} files.`);
  }
  const found = findFile(lexical);
  if (found === undefined) {
    return reject("MESH002", `cannot find ${quoted}: no ${SOURCE_EXTENSIONS.join("/")} file or folder index by that name in ${dirname(lexical)}.`);
  }
  const real = realpathSync(found);
  if (!isInside(root, real)) return reject("MESH003", `${quoted} resolves through a symbolic link to ${real}, outside the policy's root folder ${root}.`);
  if (!isSourceFile(found) || !isSourceFile(real)) {
    return reject("MESH004", `${quoted} resolves to ${real}, which is not TypeScript or JavaScript source; a policy imports only ${SOURCE_EXTENSIONS.join("/")} files.`);
  }
  return { ok: true, path: real };
}

/**
 * Decides an import written in a policy file. `importer` is the importing file's real path and `root` the
 * policy root's real path. "meshc" itself is resolved by the plugin before this is asked.
 */
export function decidePolicyImport(specifier: string, importer: string, root: string, attributes: Readonly<Record<string, string>> = {}): ImportDecision {
  const quoted = JSON.stringify(specifier);
  if (Object.keys(attributes).length > 0) {
    return reject("MESH004", `${quoted} is imported with attributes (with { ${Object.keys(attributes).join(", ")} }), which load data, not source.`);
  }
  if (specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../")) return resolveRelative(specifier, importer, root);
  if (isAbsolute(specifier) || specifier.startsWith("file:")) {
    return reject("MESH003", `${quoted} is an absolute path; a policy imports its own files by relative paths under ${root}.`);
  }
  if (isBuiltin(specifier)) return reject("MESH002", `${quoted} is a Node.js built-in module; a policy is data and gets no file system, network or process access.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return reject("MESH002", `${quoted} is a URL; a policy imports only "meshc" and its own files.`);
  if (specifier.startsWith("meshc/")) return reject("MESH002", `${quoted} is not part of meshc's public surface; import from "meshc" itself.`);
  return reject("MESH002", `${quoted} is a package; a policy imports only "meshc" and its own files.`);
}
