// Reads the type tests' `// @ts-expect-error TSnnnn <reason>` directives: each names the TypeScript code its
// next line must produce once the directive is gone.

export interface ExpectedError {
  /** 1-based line of the code the directive covers (the line after the directive). */
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

const DIRECTIVE = /^\s*\/\/\s*@ts-expect-error\s+(TS\d+)\s+(.*)$/;

/** The directives of one file, in order. */
export function expectedErrors(text: string): ExpectedError[] {
  return text.split("\n").flatMap((line, index) => {
    const m = DIRECTIVE.exec(line);
    return m ? [{ line: index + 2, code: m[1]!, reason: m[2]!.trim() }] : [];
  });
}

/**
 * The same text with the directives turned into plain comments, so line numbers stay put and the errors
 * they suppressed surface. `only` keeps every directive except those covering these lines.
 */
export function withoutDirectives(text: string, only?: ReadonlySet<number>): string {
  return text
    .split("\n")
    .map((line, index) => (DIRECTIVE.test(line) && (!only || only.has(index + 2)) ? line.replace("@ts-expect-error", "expected:") : line))
    .join("\n");
}
