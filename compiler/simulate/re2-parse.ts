// RE2's grammar (https://github.com/google/re2/wiki/Syntax), parsed into the tree of re2-syntax.ts. A pattern
// must be judged by RE2, not by JavaScript: RE2 rejects lookaround, backreferences, atomic groups and possessive
// quantifiers (linear-time matching forbids them), caps a repetition count at 1000, and refuses nested
// repetitions whose counts multiply past 1000 (`(a{1000}){1000}`: re2/parse.cc, RepetitionWalker).
import { type CharSet, complementRanges, MAX_CODE_POINT, normalizeRanges, type Re2Node } from "./re2-syntax";

export class Re2Error extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const MAX_REPEAT = 1000;
type Ranges = [number, number][];
const r = (lo: string, hi = lo): [number, number] => [lo.codePointAt(0)!, hi.codePointAt(0)!];
/** RE2's Perl classes are ASCII-only: \s is [\t\n\f\r ] (no \v), unlike JavaScript's Unicode \s. */
const PERL: Readonly<Record<string, Ranges>> = {
  d: [r("0", "9")],
  s: [r("\t", "\n"), r("\f", "\r"), r(" ")],
  w: [r("0", "9"), r("A", "Z"), r("_"), r("a", "z")],
};
const POSIX: Readonly<Record<string, Ranges>> = {
  alnum: [r("0", "9"), r("A", "Z"), r("a", "z")], alpha: [r("A", "Z"), r("a", "z")], ascii: [[0, 0x7f]],
  blank: [r("\t"), r(" ")], cntrl: [[0, 0x1f], [0x7f, 0x7f]], digit: [r("0", "9")], graph: [r("!", "~")],
  lower: [r("a", "z")], print: [r(" ", "~")], punct: [r("!", "/"), r(":", "@"), r("[", "`"), r("{", "~")],
  space: [r("\t", "\r"), r(" ")], upper: [r("A", "Z")], word: [r("0", "9"), r("A", "Z"), r("_"), r("a", "z")],
  xdigit: [r("0", "9"), r("A", "F"), r("a", "f")],
};
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
/** RE2 folds case by Unicode orbits: most ASCII letters have two members, k and s a third outside ASCII. */
const EXTRA_FOLD: Readonly<Record<number, number>> = { 0x6b: 0x212a, 0x73: 0x17f };

interface Flags { readonly i: boolean; readonly m: boolean; readonly s: boolean; readonly U: boolean }

const set = (ranges: readonly (readonly [number, number])[], negated = false, properties: readonly (readonly [string, boolean])[] = []): CharSet => ({ ranges: normalizeRanges(ranges), properties, negated });

/** The case-fold orbit of the ASCII letters in [lo, hi], as extra ranges. */
function foldedRanges(lo: number, hi: number): Ranges {
  const out: Ranges = [];
  const span = (a: number, b: number, delta: number) => {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) out.push([from + delta, to + delta]);
  };
  span(65, 90, 32);
  span(97, 122, -32);
  for (const [letter, extra] of Object.entries(EXTRA_FOLD)) {
    const l = Number(letter);
    if ((l >= lo && l <= hi) || (l - 32 >= lo && l - 32 <= hi)) out.push([extra, extra]);
  }
  return out;
}

/** Smallest budget left under any repetition of `node`, dividing 1000 by each nested count (RE2's walker). */
function repeatBudget(node: Re2Node, budget: number): number {
  switch (node.op) {
    case "repeat": {
      const m = node.max < 0 ? node.min : node.max;
      const inner = m > 0 ? Math.floor(budget / m) : budget;
      return Math.min(inner, repeatBudget(node.item, inner));
    }
    case "capture":
      return repeatBudget(node.item, budget);
    case "concat":
    case "alternate":
      return node.items.reduce((least, item) => Math.min(least, repeatBudget(item, budget)), budget);
    default:
      return budget;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private fail(message: string, at = this.pos): never {
    throw new Re2Error(message, at);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  parse(): Re2Node {
    const node = this.alternation({ i: false, m: false, s: false, U: false });
    if (this.pos < this.text.length) this.fail("unexpected ')'");
    return node;
  }

  private alternation(flags: Flags): Re2Node {
    const branches: Re2Node[] = [];
    let current: Re2Node[] = [];
    let active = flags;
    let canRepeat = false;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === ")") break;
      if (ch === "|") {
        this.pos++;
        branches.push(concat(current));
        current = [];
        canRepeat = false;
        continue;
      }
      if ("*+?".includes(ch) || (ch === "{" && this.repeatAhead())) {
        if (!canRepeat) this.fail(`missing argument to repetition operator '${ch}'`);
        current.push(this.quantify(current.pop()!, active));
        canRepeat = false;
        continue;
      }
      if (ch === "(" && this.peek(1) === "?" && /^\(\?[imsU-]+\)/.test(this.text.slice(this.pos))) {
        // `(?i)` changes the flags for the rest of the current group, as in RE2.
        active = this.readFlags(active);
        canRepeat = false;
        continue;
      }
      current.push(...this.atom(active));
      canRepeat = true;
    }
    branches.push(concat(current));
    return branches.length === 1 ? branches[0]! : { op: "alternate", items: branches };
  }

  /** True when `{` starts a valid repetition `{n}`, `{n,}` or `{n,m}`; otherwise RE2 reads it as a literal. */
  private repeatAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.text.slice(this.pos));
  }

  private readFlags(flags: Flags): Flags {
    const m = /^\(\?([imsU-]+)([:)])/.exec(this.text.slice(this.pos))!;
    const start = this.pos;
    this.pos += m[0].length;
    const next = { ...flags };
    let negate = false;
    for (const c of m[1]!) {
      if (c === "-") {
        if (negate) this.fail("invalid flag group", start);
        negate = true;
        continue;
      }
      next[c as keyof Flags] = !negate;
    }
    if (m[1]!.endsWith("-")) this.fail("invalid flag group", start);
    return next;
  }

  private quantify(item: Re2Node, flags: Flags): Re2Node {
    const start = this.pos;
    let min: number;
    let max: number;
    const ch = this.peek()!;
    if (ch === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.pos))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : -1;
      if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail(`repetition count above ${MAX_REPEAT}`, start);
      if (max >= 0 && max < min) this.fail("repetition range with max below min", start);
      this.pos += m[0].length;
    } else {
      [min, max] = ch === "*" ? [0, -1] : ch === "+" ? [1, -1] : [0, 1];
      this.pos++;
    }
    let lazy = flags.U;
    if (this.peek() === "?") {
      lazy = !lazy;
      this.pos++;
    }
    const next = this.peek();
    if (next !== undefined && ("*+?".includes(next) || (next === "{" && this.repeatAhead()))) {
      this.fail(`bad repetition operator '${this.text.slice(start, this.pos + 1)}' (RE2 has no possessive or double quantifiers)`, start);
    }
    const node: Re2Node = { op: "repeat", min, max, greedy: !lazy, item };
    if ((min >= 2 || max >= 2) && repeatBudget(node, MAX_REPEAT) === 0) {
      this.fail(`nested repetition counts multiply to more than ${MAX_REPEAT}`, start);
    }
    return node;
  }

  /** One atom; \Q…\E yields several literals, each of which a following quantifier does not see as a unit. */
  private atom(flags: Flags): Re2Node[] {
    const start = this.pos;
    const ch = this.text[this.pos++]!;
    switch (ch) {
      case "(":
        return [this.group(flags, start)];
      case "[":
        return [{ op: "class", set: this.charClass(flags, start) }];
      case "\\":
        return this.escape(flags, start);
      case ".":
        return [{ op: "class", set: flags.s ? set([[0, MAX_CODE_POINT]]) : set([[0, 9], [11, MAX_CODE_POINT]]) }];
      case "^":
        return [{ op: "assert", kind: flags.m ? "begin-line" : "begin-text" }];
      case "$":
        return [{ op: "assert", kind: flags.m ? "end-line" : "end-text" }];
      default: {
        const code = this.text.codePointAt(start)!;
        if (code > 0xffff) this.pos++;
        return [literal(code, flags)];
      }
    }
  }

  private group(flags: Flags, start: number): Re2Node {
    let capture = true;
    let inner = flags;
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("?")) {
      const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        this.pos += named[0].length;
      } else if (/^\?[imsU-]+:/.test(rest)) {
        this.pos--;
        inner = this.readFlags(flags);
        capture = false;
      } else if (rest.startsWith("?:")) {
        this.pos += 2;
        capture = false;
      } else if (/^\?(=|!|<=|<!)/.test(rest)) {
        this.fail("lookahead and lookbehind are not supported by RE2", start);
      } else if (rest.startsWith("?>")) {
        this.fail("atomic groups are not supported by RE2", start);
      } else {
        this.fail("invalid or unsupported group syntax", start);
      }
    }
    const body = this.alternation(inner);
    if (this.peek() !== ")") this.fail("missing closing ')'", start);
    this.pos++;
    return capture ? { op: "capture", item: body } : body;
  }

  private escape(flags: Flags, start: number): Re2Node[] {
    const item = this.escapeItem(start, false);
    if (typeof item === "number") return [literal(item, flags)];
    if (Array.isArray(item)) return item;
    if ("kind" in item) return [{ op: "assert", kind: item.kind }];
    return [{ op: "class", set: item }];
  }

  /** The escape after a backslash: a code point, a class, an assertion, or (\Q…\E) a run of literals. */
  private escapeItem(start: number, inClass: boolean): number | CharSet | { kind: "begin-text" | "end-text" | "word-boundary" | "not-word-boundary" } | Re2Node[] {
    const c = this.text[this.pos++];
    if (c === undefined) this.fail("trailing backslash", start);
    const perl = PERL[c.toLowerCase()];
    if (perl && /[dsw]/i.test(c)) return set(c === c.toLowerCase() ? perl : complementRanges(normalizeRanges(perl)));
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
      if (c === "A") return { kind: "begin-text" };
      if (c === "z") return { kind: "end-text" };
      if (c === "b") return { kind: "word-boundary" };
      if (c === "B") return { kind: "not-word-boundary" };
      if (c === "Q") return this.quoted();
    }
    if (/[A-Za-z]/.test(c)) this.fail(`invalid escape sequence '\\${c}' (not supported by RE2)`, start);
    const code = this.text.codePointAt(this.pos - 1)!;
    if (code > 0xffff) this.pos++;
    return code;
  }

  /** \Q…\E: every character literal, case-sensitive (as meshc has always read it). */
  private quoted(): Re2Node[] {
    const end = this.text.indexOf("\\E", this.pos);
    const body = end < 0 ? this.text.slice(this.pos) : this.text.slice(this.pos, end);
    this.pos = end < 0 ? this.text.length : end + 2;
    return [...body].map((ch) => literal(ch.codePointAt(0)!, { i: false, m: false, s: false, U: false }));
  }

  private hexEscape(start: number): number {
    const rest = this.text.slice(this.pos);
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest);
    const short = /^[0-9A-Fa-f]{2}/.exec(rest);
    const m = braced ?? short;
    if (!m) this.fail("invalid \\x escape", start);
    this.pos += m[0].length;
    const code = parseInt(braced ? braced[1]! : m[0], 16);
    if (code > MAX_CODE_POINT) this.fail("\\x escape above U+10FFFF", start);
    return code;
  }

  private unicodeClass(c: string, start: number): CharSet {
    const m = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`invalid \\${c} class`, start);
    this.pos += m[0].length;
    let name = m[0].replace(/[{}]/g, "");
    let negated = c === "P";
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    if (name === "Any") return set([[0, MAX_CODE_POINT]], negated);
    // One- and two-letter names are general categories (\pL, \p{Lu}); longer ones are scripts (\p{Greek}).
    const property = name.length <= 2 ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${property}}`, "u");
    } catch {
      this.fail(`unknown Unicode class '${name}'`, start);
    }
    return set([], false, [[property, negated]]);
  }

  private charClass(flags: Flags, start: number): CharSet {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const ranges: (readonly [number, number])[] = [];
    const properties: (readonly [string, boolean])[] = [];
    const add = (lo: number, hi: number) => {
      ranges.push([lo, hi]);
      if (flags.i) ranges.push(...foldedRanges(lo, hi));
    };
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
        const found = POSIX[posix[2]!];
        if (!found) this.fail(`unknown POSIX class '${posix[2]}'`);
        if (posix[1]) this.fail("negated POSIX classes inside a class are not translated; write the range out");
        this.pos += posix[0].length;
        ranges.push(...found);
        continue;
      }
      const lo = this.classAtom(start);
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classAtom(start);
        if (typeof lo !== "number" || typeof hi !== "number") this.fail("bad character class range", start);
        if (hi < lo) this.fail("character class range out of order", start);
        add(lo, hi);
        continue;
      }
      if (typeof lo === "number") add(lo, lo);
      else if (lo.properties.length) properties.push(...lo.properties);
      else ranges.push(...(lo.negated ? complementRanges(lo.ranges) : lo.ranges));
    }
    return set(ranges, negated, properties);
  }

  private classAtom(start: number): number | CharSet {
    const ch = this.text[this.pos];
    if (ch !== "\\") {
      const code = this.text.codePointAt(this.pos)!;
      this.pos += code > 0xffff ? 2 : 1;
      return code;
    }
    this.pos++;
    const item = this.escapeItem(start, true);
    if (typeof item === "number" || (!Array.isArray(item) && !("kind" in item))) return item;
    return this.fail("invalid escape in a character class", start);
  }
}

function literal(code: number, flags: Flags): Re2Node {
  const folds = flags.i && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122));
  if (!folds) return { op: "literal", code, fold: false };
  const extra = foldedRanges(code, code);
  // A letter whose orbit leaves ASCII (k, s) is a class, as RE2 compiles it; the others stay folded literals.
  if (extra.length > 1) return { op: "class", set: set([[code, code], ...extra]) };
  return { op: "literal", code, fold: true };
}

function concat(items: Re2Node[]): Re2Node {
  if (items.length === 0) return { op: "empty" };
  return items.length === 1 ? items[0]! : { op: "concat", items };
}

/** Parses an RE2 pattern into its tree, or throws Re2Error with the offset RE2 would complain at. */
export function parseRe2(pattern: string): Re2Node {
  return new Parser(pattern).parse();
}
