// The esbuild plugin that is the bundle's half of the sandbox boundary. It answers every resolve itself
// (esbuild's own resolver, with its node_modules and package.json lookups, never runs) and loads every
// file itself, so the only files read are: the policy's files that import-rules.ts accepted, the repo's
// dsl/ (what "meshc" names) and the plain-data serializer. Rejections carry their MESH code in `detail`;
// esbuild attaches the location of the import string (bundle.ts turns both into a diagnostic).
import { readFile } from "node:fs/promises";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import type { Loader, Plugin } from "esbuild";
import { decidePolicyImport, isInside } from "./import-rules";

/** The namespace of the generated entry module (virtual-entry.ts). */
export const ENTRY_NAMESPACE = "meshc-entry";

export interface PolicyImportsInput {
  /** Real path of the policy root. */
  readonly root: string;
  /** Real path of the repo's dsl/ folder ("meshc" is its index.ts). */
  readonly dslDir: string;
  /** Real path of plain-data.ts, which the entry imports and which may import dsl/brand.ts. */
  readonly serializer: string;
  readonly prelude: string;
  /** The generated entry module's code. */
  readonly entryCode: string;
}

/** Filled while esbuild loads: the text of every author file read, by real path. */
export type LoadedSources = Map<string, string>;

/** Where the plugin records what it read (a LoadedSources; a kept context hands each build its own). */
export type SourceSink = Pick<LoadedSources, "set">;

/** Rejections carry their code here; bundle.ts reads it back from esbuild's message. */
export interface RejectionDetail {
  readonly meshCode: string;
}

const LOADERS: Readonly<Record<string, Loader>> = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".js": "js", ".mjs": "js", ".cjs": "js" };

export function resolvePolicyImports(input: PolicyImportsInput, sources: SourceSink): Plugin {
  const isOurs = (file: string): boolean => file === input.serializer || file === input.prelude || isInside(input.dslDir, file);
  const rejection = (meshCode: string, text: string) => ({ errors: [{ text, detail: { meshCode } satisfies RejectionDetail }] });

  /** dsl/ and the serializer import each other by relative path only, and never leave dsl/. */
  const resolveOurs = (specifier: string, importer: string) => {
    const target = resolve(dirname(importer), specifier);
    const file = extname(target) === ".ts" ? target : `${target}.ts`;
    if (!specifier.startsWith(".") || !isInside(input.dslDir, file)) return rejection("MESH900", `meshc's own ${importer} imports ${JSON.stringify(specifier)}, outside dsl/.`);
    return { path: file, namespace: "file" };
  };

  return {
    name: "meshc-policy-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: "policy", namespace: ENTRY_NAMESPACE };
        // The entry imports exactly three absolute paths, all written by virtual-entry.ts.
        if (args.namespace === ENTRY_NAMESPACE && isAbsolute(args.path)) return { path: args.path, namespace: "file" };
        if (args.path === "meshc") return { path: resolve(input.dslDir, "index.ts"), namespace: "file" };
        if (isOurs(args.importer)) return resolveOurs(args.path, args.importer);
        const decision = decidePolicyImport(args.path, args.importer, input.root, args.with);
        return decision.ok ? { path: decision.path, namespace: "file" } : rejection(decision.code, decision.message);
      });
      build.onLoad({ filter: /.*/, namespace: ENTRY_NAMESPACE }, () => ({ contents: input.entryCode, loader: "js" }));
      build.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!isOurs(args.path)) sources.set(args.path, text);
        return { contents: text, loader: LOADERS[extname(args.path)] ?? "ts" };
      });
    },
  };
}
