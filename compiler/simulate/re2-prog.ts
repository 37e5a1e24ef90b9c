// RE2's compiler (re2/compile.cc) and Prog::Flatten (re2/prog.cc), reduced to what decides the instruction
// count: which instructions exist and where they point. Instructions are allocated in RE2's order, since
// Flatten's dominator pass visits roots by instruction number.
import { type CharSet, MAX_CODE_POINT, type Re2Node } from "./re2-syntax";

/** The tree after Simplify: counted repetitions are gone, replaced by copies and the three simple loops. */
export type ProgNode =
  | Exclude<Re2Node, { op: "concat" | "alternate" | "repeat" | "capture" }>
  | { readonly op: "concat" | "alternate"; readonly items: readonly ProgNode[] }
  | { readonly op: "capture"; readonly item: ProgNode }
  | { readonly op: "star" | "plus" | "quest"; readonly greedy: boolean; readonly item: ProgNode };

const enum Op { Fail, Alt, AltMatch, ByteRange, Capture, EmptyWidth, Match, Nop }

interface Inst { op: Op; out: number; out1: number; lo: number; hi: number; fold: boolean }
/** A fragment: entry, the holes to patch (encoded id*2 + which out), and whether it can match empty. */
interface Frag { begin: number; end: number[]; nullable: boolean }

class LimitReached extends Error {}
const NO_MATCH: Frag = { begin: 0, end: [], nullable: false };

function utf8(code: number): number[] {
  return [...Buffer.from(String.fromCodePoint(code), "utf8")];
}

export interface Program { readonly insts: readonly Inst[]; readonly start: number; readonly startUnanchored: number }

class Compiler {
  readonly insts: Inst[] = [{ op: Op.Fail, out: 0, out1: 0, lo: 0, hi: 0, fold: false }];
  private cache = new Map<string, number>();
  private range: { begin: number; end: number[] } = { begin: 0, end: [] };
  constructor(private readonly limit: number) {}

  private alloc(op: Op, lo = 0, hi = 0, fold = false): number {
    // Flattening never adds more than one instruction per original one; far past the limit, stop counting.
    if (this.insts.length > this.limit * 4 + 64) throw new LimitReached();
    this.insts.push({ op, out: 0, out1: 0, lo, hi, fold });
    return this.insts.length - 1;
  }

  private patch(list: readonly number[], to: number): void {
    for (const p of list) {
      const inst = this.insts[p >> 1]!;
      if (p & 1) inst.out1 = to;
      else inst.out = to;
    }
  }

  cat(a: Frag, b: Frag): Frag {
    if (a.begin === 0 || b.begin === 0) return NO_MATCH;
    const first = this.insts[a.begin]!;
    if (first.op === Op.Nop && a.end.length === 1 && a.end[0] === a.begin << 1 && first.out === 0) {
      this.patch(a.end, b.begin);
      return b;
    }
    this.patch(a.end, b.begin);
    return { begin: a.begin, end: b.end, nullable: a.nullable && b.nullable };
  }

  alt(a: Frag, b: Frag): Frag {
    if (a.begin === 0) return b;
    if (b.begin === 0) return a;
    const id = this.alloc(Op.Alt);
    this.insts[id]!.out = a.begin;
    this.insts[id]!.out1 = b.begin;
    return { begin: id, end: [...a.end, ...b.end], nullable: a.nullable || b.nullable };
  }

  plus(a: Frag): Frag {
    const id = this.alloc(Op.Alt);
    this.insts[id]!.out = a.begin;
    this.patch(a.end, id);
    return { begin: a.begin, end: [(id << 1) | 1], nullable: a.nullable };
  }

  star(a: Frag): Frag {
    // RE2: a nullable loop body is compiled as (a+)? to keep priorities right; one more instruction.
    if (a.nullable) return this.quest(this.plus(a));
    const id = this.alloc(Op.Alt);
    this.insts[id]!.out = a.begin;
    this.patch(a.end, id);
    return { begin: id, end: [(id << 1) | 1], nullable: true };
  }

  quest(a: Frag): Frag {
    if (a.begin === 0) return this.nop();
    const id = this.alloc(Op.Alt);
    this.insts[id]!.out = a.begin;
    return { begin: id, end: [(id << 1) | 1, ...a.end], nullable: true };
  }

  byteRange(lo: number, hi: number, fold: boolean): Frag {
    const id = this.alloc(Op.ByteRange, lo, hi, fold);
    return { begin: id, end: [id << 1], nullable: false };
  }

  nop(): Frag {
    const id = this.alloc(Op.Nop);
    return { begin: id, end: [id << 1], nullable: true };
  }

  match(): Frag {
    return { begin: this.alloc(Op.Match), end: [], nullable: false };
  }

  private emptyWidth(): Frag {
    const id = this.alloc(Op.EmptyWidth);
    return { begin: id, end: [id << 1], nullable: true };
  }

  private capture(a: Frag): Frag {
    if (a.begin === 0) return NO_MATCH;
    const id = this.alloc(Op.Capture);
    const close = this.alloc(Op.Capture);
    this.insts[id]!.out = a.begin;
    this.patch(a.end, close);
    return { begin: id, end: [close << 1], nullable: a.nullable };
  }

  private literal(code: number, fold: boolean): Frag {
    if (code < 0x80) return this.byteRange(code, code, fold);
    return utf8(code).map((b) => this.byteRange(b, b, false)).reduce((f, g) => this.cat(f, g));
  }

  // ── character classes: UTF-8 byte sequences with shared continuation suffixes ─────────────────
  private cachedKey(lo: number, hi: number, fold: boolean, next: number): string {
    return `${lo},${hi},${fold ? 1 : 0},${next}`;
  }

  private uncachedSuffix(lo: number, hi: number, fold: boolean, next: number): number {
    const f = this.byteRange(lo, hi, fold);
    if (next !== 0) this.patch(f.end, next);
    else this.range.end.push(...f.end);
    return f.begin;
  }

  private suffix(lo: number, hi: number, fold: boolean, next: number): number {
    // In forward UTF-8 mode RE2 caches only continuation bytes.
    if (!(lo >= 0x80 && hi <= 0xbf)) return this.uncachedSuffix(lo, hi, fold, next);
    const key = this.cachedKey(lo, hi, fold, next);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const id = this.uncachedSuffix(lo, hi, fold, next);
    this.cache.set(key, id);
    return id;
  }

  private isCached(id: number): boolean {
    const i = this.insts[id]!;
    return this.cache.get(this.cachedKey(i.lo, i.hi, i.fold, i.out)) === id;
  }

  private sameRange(a: number, b: number): boolean {
    const x = this.insts[a]!;
    const y = this.insts[b]!;
    return x.lo === y.lo && x.hi === y.hi && x.fold === y.fold;
  }

  /** RE2's AddSuffix for UTF-8: suffixes form a trie, so equal leading bytes are shared. */
  private addSuffix(id: number): void {
    if (this.range.begin === 0) {
      this.range.begin = id;
      return;
    }
    this.range.begin = this.addSuffixRecursive(this.range.begin, id);
  }

  private addSuffixRecursive(root: number, id: number): number {
    // FindByteRange: the root itself, or the last alternative of the root's Alt chain (ranges are sorted).
    let holder = -1;
    let holderSide = 0;
    let found = false;
    const r = this.insts[root]!;
    if (r.op === Op.ByteRange) found = this.sameRange(root, id);
    else if (r.op === Op.Alt && this.sameRange(r.out1, id)) [found, holder, holderSide] = [true, root, 1];
    if (!found) {
      const alt = this.alloc(Op.Alt);
      this.insts[alt]!.out = root;
      this.insts[alt]!.out1 = id;
      return alt;
    }
    let br = holder < 0 ? root : holderSide ? this.insts[holder]!.out1 : this.insts[holder]!.out;
    if (this.isCached(br)) {
      const src = this.insts[br]!;
      const clone = this.alloc(Op.ByteRange, src.lo, src.hi, src.fold);
      this.insts[clone]!.out = src.out;
      if (holder < 0) root = clone;
      else this.insts[holder]!.out1 = clone;
      br = clone;
    }
    let out = this.insts[id]!.out;
    if (!this.isCached(id)) this.insts.pop(); // the head was the latest allocation: RE2 frees it
    out = this.addSuffixRecursive(this.insts[br]!.out, out);
    this.insts[br]!.out = out;
    return root;
  }

  private addRuneRange(lo: number, hi: number, fold: boolean): void {
    if (lo > hi) return;
    if (lo === 0x80 && hi === MAX_CODE_POINT) return this.add80To10ffff();
    for (const max of [0x7f, 0x7ff, 0xffff]) {
      if (lo <= max && max < hi) {
        this.addRuneRange(lo, max, fold);
        this.addRuneRange(max + 1, hi, fold);
        return;
      }
    }
    if (hi < 0x80) return this.addSuffix(this.suffix(lo, hi, fold, 0));
    for (let i = 1; i < 4; i++) {
      const m = (1 << (6 * i)) - 1;
      if ((lo & ~m) !== (hi & ~m)) {
        if ((lo & m) !== 0) {
          this.addRuneRange(lo, lo | m, fold);
          this.addRuneRange((lo | m) + 1, hi, fold);
          return;
        }
        if ((hi & m) !== m) {
          this.addRuneRange(lo, (hi & ~m) - 1, fold);
          this.addRuneRange(hi & ~m, hi, fold);
          return;
        }
      }
    }
    const ulo = utf8(lo);
    const uhi = utf8(hi);
    let id = 0;
    for (let i = ulo.length - 1; i >= 0; i--) id = this.suffix(ulo[i]!, uhi[i]!, false, id);
    this.addSuffix(id);
  }

  /** RE2 special-cases 80-10FFFF (as in `.` and `[^a]`), permitting overlong forms to stay small. */
  private add80To10ffff(): void {
    const cont1 = this.uncachedSuffix(0x80, 0xbf, false, 0);
    this.addSuffix(this.uncachedSuffix(0xc2, 0xdf, false, cont1));
    const cont2 = this.uncachedSuffix(0x80, 0xbf, false, cont1);
    this.addSuffix(this.uncachedSuffix(0xe0, 0xef, false, cont2));
    const cont3 = this.uncachedSuffix(0x80, 0xbf, false, cont2);
    this.addSuffix(this.uncachedSuffix(0xf0, 0xf4, false, cont3));
  }

  private charClass(ranges: readonly (readonly [number, number])[]): Frag {
    if (ranges.length === 0) return NO_MATCH;
    // The ASCII case-folding optimisation: a class that treats A-Z as it treats a-z drops the upper-case
    // ranges and folds the rest.
    let upper = 0;
    let lower = 0;
    for (const [lo, hi] of ranges) {
      for (let c = Math.max(lo, 65); c <= Math.min(hi, 90); c++) upper |= 1 << (c - 65);
      for (let c = Math.max(lo, 97); c <= Math.min(hi, 122); c++) lower |= 1 << (c - 97);
    }
    const foldsAscii = upper === lower;
    this.cache = new Map();
    this.range = { begin: 0, end: [] };
    for (const [lo, hi] of ranges) {
      if (foldsAscii && lo >= 65 && hi <= 90) continue;
      let fold = foldsAscii;
      if ((lo <= 65 && hi >= 122) || hi < 65 || lo > 122 || (lo > 90 && hi < 97)) fold = false;
      this.addRuneRange(lo, hi, fold);
    }
    return { begin: this.range.begin, end: this.range.end, nullable: false };
  }

  compile(node: ProgNode): Frag {
    switch (node.op) {
      case "empty":
        return this.nop();
      case "literal":
        return this.literal(node.code, node.fold);
      case "class":
        return this.charClass(classRanges(node.set));
      case "assert":
        return this.emptyWidth();
      case "capture":
        return this.capture(this.compile(node.item));
      case "concat": {
        const frags = node.items.map((i) => this.compile(i));
        return frags.length ? frags.reduce((f, g) => this.cat(f, g)) : this.nop();
      }
      case "alternate": {
        const frags = node.items.map((i) => this.compile(i));
        return frags.reduce((f, g) => this.alt(f, g));
      }
      case "star":
        return this.star(this.compile(node.item));
      case "plus":
        return this.plus(this.compile(node.item));
      case "quest":
        return this.quest(this.compile(node.item));
    }
  }
}

const propertyRanges = new Map<string, [number, number][]>();

/** A class's code point ranges; Unicode properties are enumerated once (JavaScript's tables, not RE2's). */
function classRanges(s: CharSet): (readonly [number, number])[] {
  let ranges: [number, number][] = s.ranges.map(([a, b]) => [a, b]);
  for (const [name, negated] of s.properties) ranges.push(...propertyOf(name, negated));
  ranges = merge(ranges);
  return s.negated ? complement(ranges) : ranges;
}

function propertyOf(name: string, negated: boolean): [number, number][] {
  const key = `${negated ? "P" : "p"}{${name}}`;
  let found = propertyRanges.get(key);
  if (!found) {
    const re = new RegExp(`^\\${key}$`, "u");
    found = [];
    for (let c = 0; c <= MAX_CODE_POINT; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue; // RE2's tables hold no surrogates
      if (!re.test(String.fromCodePoint(c))) continue;
      const last = found[found.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else found.push([c, c]);
    }
    propertyRanges.set(key, found);
  }
  return found;
}

function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of ranges) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** IsAnchorStart / IsAnchorEnd: a leading \A or trailing \z (through concatenations and captures) is removed. */
function stripAnchor(node: ProgNode, end: boolean): { node: ProgNode; anchored: boolean } {
  if (node.op === "assert" && node.kind === (end ? "end-text" : "begin-text")) return { node: { op: "concat", items: [] }, anchored: true };
  if (node.op === "capture") {
    const inner = stripAnchor(node.item, end);
    return { node: { op: "capture", item: inner.node }, anchored: inner.anchored };
  }
  if (node.op === "concat" && node.items.length) {
    const at = end ? node.items.length - 1 : 0;
    const inner = stripAnchor(node.items[at]!, end);
    const items = [...node.items];
    items[at] = inner.node;
    return { node: { op: "concat", items }, anchored: inner.anchored };
  }
  return { node, anchored: false };
}

/** Compiles like RE2's Compiler::Compile and Finish (with Optimize); null once past `limit`. */
export function buildProgram(tree: ProgNode, limit: number): Program | null {
  const c = new Compiler(limit);
  try {
    const start = stripAnchor(tree, false);
    const both = stripAnchor(start.node, true);
    const all = c.cat(c.compile(both.node), c.match());
    let startUnanchored = all.begin;
    if (!start.anchored) startUnanchored = c.cat(c.star(c.byteRange(0, 0xff, false)), all).begin;
    // A nongreedy `.*?` is Alt(out1 = loop); the count does not depend on which side is which.
    if (all.begin === 0 && startUnanchored === 0) return { insts: [c.insts[0]!], start: 0, startUnanchored: 0 };
    optimize(c.insts, all.begin);
    return { insts: c.insts, start: all.begin, startUnanchored };
  } catch (error) {
    if (error instanceof LimitReached) return null;
    throw error;
  }
}

/** Prog::Optimize: skip Nop chains, and mark `Alt -> [00-FF] loop | Match` as AltMatch. */
function optimize(insts: Inst[], start: number): void {
  const skip = (j: number) => {
    while (j !== 0 && insts[j]!.op === Op.Nop) j = insts[j]!.out;
    return j;
  };
  const seen = new Set<number>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k]!;
    if (id === 0 || seen.has(id)) continue;
    seen.add(id);
    const ip = insts[id]!;
    ip.out = skip(ip.out);
    queue.push(ip.out);
    if (ip.op === Op.Alt) {
      ip.out1 = skip(ip.out1);
      queue.push(ip.out1);
    }
  }
  const isMatch = (id: number): boolean => {
    for (;;) {
      const ip = insts[id]!;
      if (ip.op === Op.Capture || ip.op === Op.Nop) id = ip.out;
      else return ip.op === Op.Match;
    }
  };
  const loops = (j: number, id: number) => insts[j]!.op === Op.ByteRange && insts[j]!.out === id && insts[j]!.lo === 0 && insts[j]!.hi === 0xff;
  for (const id of seen) {
    const ip = insts[id]!;
    if (ip.op === Op.Alt && ((loops(ip.out, id) && isMatch(ip.out1)) || (isMatch(ip.out) && loops(ip.out1, id)))) ip.op = Op.AltMatch;
  }
}

/** Prog::Flatten's instruction count: one list per root, Alts dissolved, a Nop where a list reaches another root. */
export function flattenedSize(p: Program): number {
  if (p.start === 0 && p.startUnanchored === 0) return 1;
  const { insts } = p;
  const roots = new Map<number, number>();
  const mark = (id: number) => {
    if (!roots.has(id)) roots.set(id, roots.size);
  };
  mark(0);
  mark(p.startUnanchored);
  mark(p.start);
  const preds = new Map<number, number[]>();
  const walk = (root: number, visit: (id: number, ip: Inst) => boolean) => {
    const reachable = new Set<number>();
    const stack = [root];
    while (stack.length) {
      let id = stack.pop()!;
      for (;;) {
        if (reachable.has(id)) break;
        reachable.add(id);
        const ip = insts[id]!;
        if (!visit(id, ip)) break;
        if (ip.op === Op.Alt || ip.op === Op.AltMatch) {
          stack.push(ip.out1);
          id = ip.out;
        } else if (ip.op === Op.Match || ip.op === Op.Fail) break;
        else id = ip.out;
      }
    }
    return reachable;
  };
  // MarkSuccessors: every target of a consuming instruction starts a list; record Alt predecessors.
  walk(p.startUnanchored, (id, ip) => {
    if (ip.op === Op.Alt || ip.op === Op.AltMatch) {
      for (const out of [ip.out, ip.out1]) {
        if (!preds.has(out)) preds.set(out, []);
        preds.get(out)!.push(id);
      }
    } else if (ip.op === Op.ByteRange || ip.op === Op.Capture || ip.op === Op.EmptyWidth) mark(ip.out);
    return true;
  });
  // MarkDominator, over the roots so far from the highest instruction number down (skipping the lowest).
  const sorted = [...roots.keys()].sort((a, b) => a - b);
  for (let k = sorted.length - 1; k > 0; k--) {
    const root = sorted[k]!;
    if (root === p.startUnanchored || root === p.start) continue;
    const reachable = walk(root, (id, ip) => !(id !== root && roots.has(id)) && (ip.op === Op.Alt || ip.op === Op.AltMatch || ip.op === Op.Nop));
    for (const id of reachable) for (const pred of preds.get(id) ?? []) if (!reachable.has(pred)) mark(id);
  }
  // EmitList: count what each list emits.
  let size = 0;
  for (const root of roots.keys()) {
    walk(root, (id, ip) => {
      if (id !== root && roots.has(id)) {
        size++; // a Nop to the other list
        return false;
      }
      if (ip.op === Op.AltMatch) size++;
      if (ip.op === Op.Alt || ip.op === Op.AltMatch || ip.op === Op.Nop) return true;
      size++;
      return false;
    });
  }
  return size;
}
