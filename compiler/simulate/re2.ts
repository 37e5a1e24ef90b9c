// RE2 → JavaScript RegExp. Envoy evaluates `safe_regex` with Google RE2 and Istio passes regexes through, so a
// pattern must be judged by RE2's grammar, not by JavaScript's: RE2 rejects lookaround, backreferences, atomic
// groups and possessive quantifiers (linear-time matching forbids them: https://github.com/google/re2/wiki/Syntax),
// and it caps a repetition count at 1000. This module parses RE2 syntax, reports what RE2 would reject, and emits
// an equivalent JavaScript source (u-mode) for evaluation. Envoy matches the whole value, so callers wrap it.

export type Re2Result =
  | { readonly ok: true; readonly source: string; readonly flags: string }
  | { readonly ok: false; readonly error: string; readonly offset: number };

const MAX_REPEAT = 1000;
/** Characters that must be escaped to be literal in a u-mode JavaScript pattern. */
const JS_SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);
const PERL_CLASSES = new Set([..."dDsSwW"]);
/** RE2's POSIX classes (inside brackets), as JavaScript class contents. */
const POSIX: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z", alpha: "A-Za-z", ascii: "\\x00-\\x7f", blank: "\\t ", cntrl: "\\x00-\\x1f\\x7f", digit: "0-9",
  graph: "!-~", lower: "a-z", print: " -~", punct: "!-\\/:-@\\[-`{-~", space: "\\t\\n\\v\\f\\r ", upper: "A-Z",
  word: "0-9A-Za-z_", xdigit: "0-9A-Fa-f",
};
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

interface Flags { readonly i: boolean; readonly m: boolean; readonly s: boolean; readonly U: boolean }

class Re2Error extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function hex(code: number): string {
  return `\\u{${code.toString(16)}}`;
}

/** A code point as a literal in a JS pattern; under case folding, ASCII letters become a two-letter class. */
function literal(code: number, flags: Flags, inClass = false): string {
  const ch = String.fromCodePoint(code);
  if (flags.i && /[A-Za-z]/.test(ch) && !inClass) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  if (inClass) return /[\\\]\[^\-]/.test(ch) || code < 32 ? hex(code) : ch;
  return JS_SYNTAX.has(ch) || code < 32 ? hex(code) : ch;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  private fail(message: string, at = this.pos): never {
    throw new Re2Error(message, at);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  parse(flags: Flags): string {
    const out = this.alternation(flags);
    if (this.pos < this.text.length) this.fail("unexpected ')'");
    return out;
  }

  private alternation(flags: Flags): string {
    const branches: string[] = [];
    let current = "";
    let active = flags;
    let lastAtom: string | null = null;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === ")") break;
      if (ch === "|") {
        this.pos++;
        branches.push(current);
        current = "";
        lastAtom = null;
        continue;
      }
      if ("*+?".includes(ch) || (ch === "{" && this.repeatAhead())) {
        if (lastAtom === null) this.fail(`missing argument to repetition operator '${ch}'`);
        current = current.slice(0, current.length - lastAtom.length) + this.quantify(lastAtom, active);
        lastAtom = null;
        continue;
      }
      if (ch === "(" && this.peek(1) === "?" && this.flagGroupAhead()) {
        // `(?i)` changes the flags for the rest of the current group, as in RE2.
        active = this.readFlags(active);
        lastAtom = null;
        continue;
      }
      lastAtom = this.atom(active);
      current += lastAtom;
    }
    branches.push(current);
    return branches.join("|");
  }

  /** True when `{` starts a valid repetition `{n}`, `{n,}` or `{n,m}`; otherwise RE2 reads it as a literal. */
  private repeatAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.text.slice(this.pos));
  }

  private flagGroupAhead(): boolean {
    return /^\(\?[imsU-]+\)/.test(this.text.slice(this.pos));
  }

  private readFlags(flags: Flags): Flags {
    const m = /^\(\?([imsU-]+)([:)])/.exec(this.text.slice(this.pos))!;
    const start = this.pos;
    this.pos += m[0].length;
    const next = { ...flags };
    let negate = false;
    let seenNegate = false;
    for (const c of m[1]!) {
      if (c === "-") {
        if (seenNegate) this.fail("invalid flag group", start);
        negate = seenNegate = true;
        continue;
      }
      next[c as keyof Flags] = !negate;
    }
    if (m[1]!.endsWith("-")) this.fail("invalid flag group", start);
    return next;
  }

  private quantify(atom: string, flags: Flags): string {
    const start = this.pos;
    let op: string;
    const ch = this.peek()!;
    if (ch === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.pos))!;
      const min = Number(m[1]);
      const max = m[3] ? Number(m[3]) : min;
      if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail(`repetition count above ${MAX_REPEAT}`, start);
      if (m[3] && max < min) this.fail("repetition range with max below min", start);
      op = m[0];
      this.pos += m[0].length;
    } else {
      op = ch;
      this.pos++;
    }
    let lazy = false;
    if (this.peek() === "?") {
      lazy = true;
      this.pos++;
    }
    const next = this.peek();
    if (next !== undefined && ("*+?".includes(next) || (next === "{" && this.repeatAhead()))) {
      this.fail(`bad repetition operator '${this.text.slice(start, this.pos + 1)}' (RE2 has no possessive or double quantifiers)`, start);
    }
    if (flags.U) lazy = !lazy;
    return `(?:${atom})${op}${lazy ? "?" : ""}`;
  }

  private atom(flags: Flags): string {
    const start = this.pos;
    const ch = this.text[this.pos++]!;
    switch (ch) {
      case "(":
        return this.group(flags, start);
      case "[":
        return this.charClass(flags, start);
      case "\\":
        return this.escape(flags, start);
      case ".":
        return flags.s ? "[^]" : "[^\\n]";
      case "^":
        return flags.m ? "(?<=^|\\n)" : "^";
      case "$":
        return flags.m ? "(?=$|\\n)" : "$";
      default:
        return literal(ch.codePointAt(0)!, flags);
    }
  }

  private group(flags: Flags, start: number): string {
    let prefix = "(?:";
    let inner = flags;
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("?")) {
      const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        this.pos += named[0].length;
        prefix = `(?<${named[1]}>`;
      } else if (/^\?[imsU-]+:/.test(rest)) {
        this.pos--;
        inner = this.readFlags(flags);
      } else if (rest.startsWith("?:")) {
        this.pos += 2;
      } else if (/^\?(=|!|<=|<!)/.test(rest)) {
        this.fail("lookahead and lookbehind are not supported by RE2", start);
      } else if (rest.startsWith("?>")) {
        this.fail("atomic groups are not supported by RE2", start);
      } else {
        this.fail("invalid or unsupported group syntax", start);
      }
    } else {
      prefix = "(";
    }
    this.depth++;
    const body = this.alternation(inner);
    if (this.peek() !== ")") this.fail("missing closing ')'", start);
    this.pos++;
    this.depth--;
    return `${prefix}${body})`;
  }

  /** One escape outside a class: a literal, a Perl/Unicode class, an assertion — or what RE2 rejects. */
  private escape(flags: Flags, start: number): string {
    const item = this.escapeItem(start, false);
    if (typeof item === "number") return literal(item, flags);
    return item;
  }

  /** Reads the escape after a backslash: a code point, or a class/assertion source. */
  private escapeItem(start: number, inClass: boolean): number | string {
    const c = this.text[this.pos++];
    if (c === undefined) this.fail("trailing backslash", start);
    if (PERL_CLASSES.has(c)) return `\\${c}`;
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c]!;
    if (c === "p" || c === "P") return this.unicodeClass(c, start);
    if (c === "x") return this.hexEscape(start);
    if (c === "0") {
      const m = /^[0-7]{0,2}/.exec(this.text.slice(this.pos))!;
      this.pos += m[0].length;
      return parseInt(`0${m[0]}`, 8);
    }
    if (/[1-9]/.test(c)) this.fail("backreferences are not supported by RE2", start);
    if (!inClass) {
      if (c === "A") return "^";
      if (c === "z") return "$";
      if (c === "b") return "\\b";
      if (c === "B") return "\\B";
      if (c === "Q") return this.quoted(start);
    }
    if (/[A-Za-z]/.test(c)) this.fail(`invalid escape sequence '\\${c}' (not supported by RE2)`, start);
    return c.codePointAt(0)!;
  }

  private quoted(start: number): string {
    const end = this.text.indexOf("\\E", this.pos);
    const body = end < 0 ? this.text.slice(this.pos) : this.text.slice(this.pos, end);
    this.pos = end < 0 ? this.text.length : end + 2;
    if (body.length === 0) return "(?:)";
    void start;
    return `(?:${[...body].map((ch) => literal(ch.codePointAt(0)!, { i: false, m: false, s: false, U: false })).join("")})`;
  }

  private hexEscape(start: number): number {
    const rest = this.text.slice(this.pos);
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest);
    const short = /^[0-9A-Fa-f]{2}/.exec(rest);
    const m = braced ?? short;
    if (!m) this.fail("invalid \\x escape", start);
    this.pos += m[0].length;
    const code = parseInt(braced ? braced[1]! : m[0], 16);
    if (code > 0x10ffff) this.fail("\\x escape above U+10FFFF", start);
    return code;
  }

  private unicodeClass(c: string, start: number): string {
    const m = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`invalid \\${c} class`, start);
    this.pos += m[0].length;
    let name = m[0].replace(/[{}]/g, "");
    let negated = c === "P";
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    // One- and two-letter names are general categories (\pL, \p{Lu}); longer ones are scripts (\p{Greek}).
    const body = name === "Any" ? null : name.length <= 2 ? name : `Script=${name}`;
    if (body === null) return negated ? "[^\\s\\S]" : "[\\s\\S]";
    try {
      new RegExp(`\\p{${body}}`, "u");
    } catch {
      this.fail(`unknown Unicode class '${name}'`, start);
    }
    return `\\${negated ? "P" : "p"}{${body}}`;
  }

  private charClass(flags: Flags, start: number): string {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const parts: string[] = [];
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) this.fail("missing closing ']'", start);
      if (ch === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.text.slice(this.pos));
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set) this.fail(`unknown POSIX class '${posix[2]}'`);
        if (posix[1]) this.fail("negated POSIX classes inside a class are not translated; write the range out");
        this.pos += posix[0].length;
        parts.push(set);
        continue;
      }
      const lo = this.classAtom(start);
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classAtom(start);
        if (typeof lo !== "number" || typeof hi !== "number") this.fail("bad character class range", start);
        if (hi < lo) this.fail("character class range out of order", start);
        parts.push(`${literal(lo, flags, true)}-${literal(hi, flags, true)}`);
        if (flags.i) parts.push(...foldedRange(lo, hi));
        continue;
      }
      if (typeof lo === "number") {
        parts.push(literal(lo, flags, true));
        if (flags.i) parts.push(...foldedRange(lo, lo));
      } else parts.push(lo);
    }
    return `[${negated ? "^" : ""}${parts.join("")}]`;
  }

  private classAtom(start: number): number | string {
    const ch = this.text[this.pos++]!;
    if (ch !== "\\") return ch.codePointAt(0)!;
    const item = this.escapeItem(start, true);
    return item;
  }
}

/** The other-case copies of the ASCII letters in [lo, hi] (case-insensitive classes, RE2's (?i)). */
function foldedRange(lo: number, hi: number): string[] {
  const out: string[] = [];
  const span = (a: number, b: number, delta: number) => {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) out.push(`${String.fromCharCode(from + delta)}-${String.fromCharCode(to + delta)}`);
  };
  span(65, 90, 32);
  span(97, 122, -32);
  return out;
}

/** Parses an RE2 pattern; on success returns the JS source of the same language (use with flags "u"). */
export function translateRe2(pattern: string): Re2Result {
  try {
    const source = new Parser(pattern).parse({ i: false, m: false, s: false, U: false });
    new RegExp(source, "u");
    return { ok: true, source, flags: "u" };
  } catch (error) {
    if (error instanceof Re2Error) return { ok: false, error: error.message, offset: error.offset };
    return { ok: false, error: error instanceof Error ? error.message : String(error), offset: 0 };
  }
}

const compiled = new Map<string, RegExp | null>();

/** RE2 full match, as Envoy's `safe_regex` applies it to a header value or a path: the whole text must match. */
export function fullMatch(pattern: string, text: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const t = translateRe2(pattern);
    re = t.ok ? new RegExp(`^(?:${t.source})$`, t.flags) : null;
    compiled.set(pattern, re);
  }
  return re !== null && re.test(text);
}
