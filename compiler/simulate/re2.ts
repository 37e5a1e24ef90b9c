// RE2 patterns as Envoy's `safe_regex` reads them: parsed by RE2's grammar (re2-parse.ts), matched against the
// whole value in linear time (re2-nfa.ts), and measured the way Envoy limits them (re2-program-size.ts).
// Nothing here hands an author's pattern to JavaScript's backtracking RegExp.
import { compileNfa, type Nfa, NfaTooLarge, nfaFullMatch } from "./re2-nfa";
import { parseRe2, Re2Error } from "./re2-parse";
import { re2ProgramSize } from "./re2-program-size";

/** Envoy refuses a regex whose RE2 program has more instructions than this (runtime key
 * `re2.max_program_size.error_level`, default 100: source/common/common/regex.cc). */
export const ENVOY_MAX_PROGRAM_SIZE = 100;

export type Re2Result =
  | { readonly ok: true; readonly programSize: number }
  | { readonly ok: false; readonly error: string; readonly offset: number };

const checked = new Map<string, Re2Result>();

/** Is `pattern` valid RE2, and how large is its program (counted up to just past Envoy's limit)? */
export function checkRe2(pattern: string): Re2Result {
  let result = checked.get(pattern);
  if (result) return result;
  try {
    const node = parseRe2(pattern);
    result = { ok: true, programSize: re2ProgramSize(node, ENVOY_MAX_PROGRAM_SIZE + 1) };
  } catch (error) {
    if (!(error instanceof Re2Error || error instanceof RangeError)) throw error;
    // A RangeError is the parser's stack giving out on thousands of nested groups: RE2 refuses those too.
    result = error instanceof Re2Error ? { ok: false, error: error.message, offset: error.offset } : { ok: false, error: "groups nest too deeply", offset: 0 };
  }
  checked.set(pattern, result);
  return result;
}

const compiled = new Map<string, Nfa | null>();

function nfaOf(pattern: string): Nfa | null {
  let nfa = compiled.get(pattern);
  if (nfa !== undefined) return nfa;
  nfa = null;
  if (checkRe2(pattern).ok) {
    try {
      nfa = compileNfa(parseRe2(pattern));
    } catch (error) {
      if (!(error instanceof NfaTooLarge)) throw error;
    }
  }
  compiled.set(pattern, nfa);
  return nfa;
}

/** RE2 full match, as Envoy's `safe_regex` applies it to a header value or a path: the whole text must match.
 * A pattern RE2 refuses (or one too large to compile) matches nothing; the routes check reports it. */
export function fullMatch(pattern: string, text: string): boolean {
  const nfa = nfaOf(pattern);
  return nfa !== null && nfaFullMatch(nfa, text);
}
