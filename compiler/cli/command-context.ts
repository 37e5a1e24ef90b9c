// What main.ts hands the commands that live in their own files: the output streams, the exit status, and the
// one way to refuse bad usage (exit 2 with one line), so each command file can register itself.
import type { BuildResult } from "../build";

export interface CommandContext {
  readonly io: { readonly out: (text: string) => void; readonly err: (text: string) => void };
  readonly setStatus: (status: number) => void;
  /** The absolute path of an entry file that exists; otherwise a usage error. */
  readonly entryPath: (entry: string) => string;
  /** Stops the command with exit status 2 and `meshc: <message>`. */
  readonly usage: (message: string) => never;
  /** Prints a build's diagnostics as `check` does (used when a policy has errors). */
  readonly report: (result: BuildResult) => void;
}

/** `k=v` options (`--header x-account-id=1001`) into a record; header names lower-cased as the model keeps them. */
export function pairsOption(values: readonly string[], what: string, ctx: CommandContext, lowerCase: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf("=");
    if (at <= 0) ctx.usage(`--${what} wants name=value, got '${v}'`);
    out[lowerCase ? v.slice(0, at).toLowerCase() : v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}
