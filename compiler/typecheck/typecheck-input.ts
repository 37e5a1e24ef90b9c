import type { TypecheckSession } from "./session";

/** Which type checker runs: the native TypeScript 7 binary, or TypeScript 6 in-process (ts-morph's). */
export type Checker = "tsc7" | "ts6";

export interface TypecheckInput {
  /** The policy's root folder (the entry file's folder). */
  readonly root: string;
  /** Absolute paths of the policy's source files, entry first. */
  readonly files: readonly string[];
  /** The registry text (see registry.ts); used instead of any meshc-env.d.ts on disk. */
  readonly registry: string;
  readonly checker: Checker;
  /** With the native checker: keep TypeScript's build info between checks of this policy (session.ts). */
  readonly session?: TypecheckSession;
}
