// The typecheck stage: TypeScript's own diagnostics for the policy's files, passed through with their TSnnnn
// codes as meshc diagnostics. Two interchangeable checkers (docs/dsl-types.md measures both): the native
// TypeScript 7 binary and TypeScript 6 in-process. Both see the same files, options and registry, and
// report in the same shape, so the build driver and the renderers do not care which one ran.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { compareDiagnostics } from "../diagnostics/sort";
import { checkWithTsc7 } from "./tsc7";
import type { TypecheckInput } from "./typecheck-input";

export { REGISTRY_FILE, REGISTRY_HEADER, renderRegistry } from "./registry";
export type { RegistryService } from "./registry";
export type { Checker, TypecheckInput } from "./typecheck-input";
export { type TypecheckSession, typecheckSession } from "./session";

/** The checker the build uses unless told otherwise (docs/dsl-types.md, "Which checker"). */
export const DEFAULT_CHECKER = "tsc7" as const;


/**
 * Type-checks the policy's files against this repository's DSL and the given registry text, in strict mode.
 * Reports only diagnostics in the policy's own files, sorted by file and position.
 * Rejects only when the checker itself cannot run (the driver reports that as an internal error).
 */
export async function typecheck(input: TypecheckInput): Promise<Diagnostic[]> {
  // ts6 runs TypeScript 6 in process through ts-morph, which takes 0.5–1 s to load: only its users pay for it.
  const diagnostics = input.checker === "ts6" ? await (require("./ts6") as typeof import("./ts6")).checkWithTs6(input) : await checkWithTsc7(input);
  return diagnostics.sort(compareDiagnostics);
}
