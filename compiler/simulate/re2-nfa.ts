// RE2 full match in linear time: the parsed pattern compiled to a Thompson NFA and simulated breadth-first
// (a Pike VM without captures, https://swtch.com/~rsc/regexp/regexp2.html). Each input code point advances
// every live thread one step, and a thread reaches each instruction at most once per step, so the cost is
// O(text × program) whatever the pattern: `(a+)+$` on 10 000 `a`s takes as long as `a+` does. JavaScript's
// RegExp backtracks and is exponential on such patterns, which is why meshc never evaluates author regexes with it.
import { checkBudget } from "../budget";
import type { Assertion, CharSet, Re2Node } from "./re2-syntax";

/** Programs past this many instructions are refused: RE2 at Envoy's limit compiles to far fewer. */
export const MAX_NFA_INSTRUCTIONS = 20_000;

type Inst =
  | { op: "char"; test: (code: number) => boolean; next: number }
  | { op: "split"; next: number; alt: number }
  | { op: "assert"; kind: Assertion; next: number }
  | { op: "match" };

export interface Nfa {
  readonly insts: readonly Inst[];
  readonly start: number;
}

export class NfaTooLarge extends Error {}

const propertyTests = new Map<string, RegExp>();

/** One Unicode property as a one-character test: a pattern with no repetition cannot backtrack. */
function property(name: string, negated: boolean): RegExp {
  const key = `${negated ? "P" : "p"}{${name}}`;
  let re = propertyTests.get(key);
  if (!re) propertyTests.set(key, (re = new RegExp(`^\\${key}$`, "u")));
  return re;
}

export function inSet(s: CharSet, code: number): boolean {
  const { ranges } = s;
  let lo = 0;
  let hi = ranges.length - 1;
  let found = false;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (code < a) hi = mid - 1;
    else if (code > b) lo = mid + 1;
    else {
      found = true;
      break;
    }
  }
  if (!found && s.properties.length) {
    const ch = String.fromCodePoint(code);
    found = s.properties.some(([name, negated]) => property(name, negated).test(ch));
  }
  return found !== s.negated;
}

const lower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

class Compiler {
  readonly insts: Inst[] = [];

  private emit(inst: Inst): number {
    if (this.insts.length >= MAX_NFA_INSTRUCTIONS) throw new NfaTooLarge(`more than ${MAX_NFA_INSTRUCTIONS} instructions`);
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  /** Compiles `node` so that it continues at `next`; returns its entry. Built back to front: no patching. */
  compile(node: Re2Node, next: number): number {
    switch (node.op) {
      case "empty":
        return next;
      case "literal": {
        const want = node.fold ? lower(node.code) : node.code;
        return this.emit({ op: "char", test: node.fold ? (c) => lower(c) === want : (c) => c === want, next });
      }
      case "class":
        return this.emit({ op: "char", test: (c) => inSet(node.set, c), next });
      case "assert":
        return this.emit({ op: "assert", kind: node.kind, next });
      case "capture":
        return this.compile(node.item, next);
      case "concat":
        return node.items.reduceRight((after, item) => this.compile(item, after), next);
      case "alternate": {
        const entries = node.items.map((item) => this.compile(item, next));
        return entries.reduceRight((rest, entry) => this.emit({ op: "split", next: entry, alt: rest }));
      }
      case "repeat":
        return this.repeat(node.item, node.min, node.max, next);
    }
  }

  private repeat(item: Re2Node, min: number, max: number, next: number): number {
    let tail: number;
    if (max < 0) {
      // x*: a split that either enters x (which loops back to the split) or leaves.
      const loop = this.emit({ op: "split", next: -1, alt: next });
      const body = this.compile(item, loop);
      (this.insts[loop] as { next: number }).next = body;
      tail = loop;
    } else {
      tail = next;
      for (let i = min; i < max; i++) tail = this.emit({ op: "split", next: this.compile(item, tail), alt: next });
    }
    for (let i = 0; i < min; i++) tail = this.compile(item, tail);
    return tail;
  }
}

export function compileNfa(node: Re2Node): Nfa {
  const c = new Compiler();
  const match = c.insts.push({ op: "match" }) - 1;
  const start = c.compile(node, match);
  return { insts: c.insts, start };
}

const isWord = (code: number | undefined) => code !== undefined && ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95);

function holds(kind: Assertion, text: readonly number[], at: number): boolean {
  switch (kind) {
    case "begin-text": return at === 0;
    case "end-text": return at === text.length;
    case "begin-line": return at === 0 || text[at - 1] === 10;
    case "end-line": return at === text.length || text[at] === 10;
    case "word-boundary": return isWord(text[at - 1]) !== isWord(text[at]);
    case "not-word-boundary": return isWord(text[at - 1]) === isWord(text[at]);
  }
}

/** True when the whole of `input` matches. */
export function nfaFullMatch(nfa: Nfa, input: string): boolean {
  const text = Array.from(input, (ch) => ch.codePointAt(0)!);
  const seen = new Int32Array(nfa.insts.length).fill(-1);
  let current: number[] = [];
  let following: number[] = [];
  const stack: number[] = [];
  // Follows splits and assertions from `pc` at position `at`, collecting the char and match instructions.
  const add = (list: number[], pc: number, at: number) => {
    stack.push(pc);
    while (stack.length) {
      const p = stack.pop()!;
      if (seen[p] === at) continue;
      seen[p] = at;
      const inst = nfa.insts[p]!;
      if (inst.op === "split") stack.push(inst.alt, inst.next);
      else if (inst.op === "assert") {
        if (holds(inst.kind, text, at)) stack.push(inst.next);
      } else list.push(p);
    }
  };
  add(current, nfa.start, 0);
  for (let at = 0; at < text.length && current.length; at++) {
    if ((at & 0xfff) === 0xfff) checkBudget();
    const code = text[at]!;
    following = [];
    for (const pc of current) {
      const inst = nfa.insts[pc]!;
      if (inst.op === "char" && inst.test(code)) add(following, inst.next, at + 1);
    }
    current = following;
  }
  return current.some((pc) => nfa.insts[pc]!.op === "match");
}
