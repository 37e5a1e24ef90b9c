// The one set of compiler options both checkers use. meshc does not read the author's tsconfig.json: the
// policy is bundled by esbuild (hence "bundler" resolution, `.ts` extensions allowed) and may import only
// "meshc" and its own files, so the check must not depend on what an editor's tsconfig happens to say.
import { resolve } from "node:path";

/** This repository's DSL entry: "meshc" always resolves here, whatever the author's tsconfig maps it to. */
export const DSL_ENTRY = resolve(__dirname, "../../dsl/index.ts");

/** The folder of the DSL, whose own diagnostics are never reported against a policy. */
export const DSL_DIR = resolve(__dirname, "../../dsl");

/** Compiler options in tsconfig.json form (what `tsc -p` reads; the in-process checker converts them). */
export const COMPILER_OPTIONS = {
  strict: true,
  target: "es2022",
  module: "esnext",
  moduleResolution: "bundler",
  allowImportingTsExtensions: true,
  // A policy is data evaluated in a sandbox: no DOM, no Node globals (`process` is a type error too).
  lib: ["es2023"],
  types: [] as string[],
  noEmit: true,
  // The only declaration files are the registry (generated) and the standard library.
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
  paths: { meshc: [DSL_ENTRY] },
} as const;
