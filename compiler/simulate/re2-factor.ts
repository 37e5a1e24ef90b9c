// RE2's parser rewrites every alternation before compiling it (re2/parse.cc, FactorAlternation), and the
// program size Envoy limits is that of the rewritten form: `abc|abd` becomes `ab(?:c|d)` and then `ab[cd]`.
// The four rounds, in RE2's order: common leading literal strings; a common leading simple piece (a class,
// an assertion, or a fixed repetition of a character); runs of single characters merged into one class; runs
// of empty matches merged into one. Matching never needs this: the rewritten pattern means the same.
import { type CharSet, complementRanges, normalizeRanges, type Re2Node } from "./re2-syntax";

type Literal = Extract<Re2Node, { op: "literal" }>;

function pieces(node: Re2Node): readonly Re2Node[] {
  return node.op === "concat" ? node.items : node.op === "empty" ? [] : [node];
}

function concat(items: readonly Re2Node[]): Re2Node {
  return items.length === 0 ? { op: "empty" } : items.length === 1 ? items[0]! : { op: "concat", items };
}

function alternate(items: readonly Re2Node[]): Re2Node {
  return items.length === 1 ? items[0]! : { op: "alternate", items };
}

/** The leading run of literals sharing one fold flag (RE2's LeadingString). */
function leadingString(node: Re2Node): Literal[] {
  const items = pieces(node);
  const out: Literal[] = [];
  for (const item of items) {
    if (item.op !== "literal" || (out.length && item.fold !== out[0]!.fold)) break;
    out.push(item);
  }
  return out;
}

function roundLiterals(subs: readonly Re2Node[]): Re2Node[] {
  const out: Re2Node[] = [];
  let start = 0;
  while (start < subs.length) {
    const first = leadingString(subs[start]!);
    let common = first.length;
    let end = start + 1;
    while (common > 0 && end < subs.length) {
      const next = leadingString(subs[end]!);
      let same = 0;
      while (same < common && same < next.length && next[same]!.code === first[same]!.code && next[same]!.fold === first[same]!.fold) same++;
      if (same === 0) break;
      common = same;
      end++;
    }
    if (end - start < 2 || common === 0) {
      out.push(subs[start]!);
      start++;
      continue;
    }
    const rests = subs.slice(start, end).map((s) => concat(pieces(s).slice(common)));
    out.push(concat([...first.slice(0, common), factor(rests)]));
    start = end;
  }
  return out;
}

function simpleLead(node: Re2Node): Re2Node | null {
  const first = pieces(node)[0];
  if (!first) return null;
  if (first.op === "class" || first.op === "assert") return first;
  if (first.op === "repeat" && first.min === first.max && (first.item.op === "literal" || first.item.op === "class")) return first;
  return null;
}

function roundSimple(subs: readonly Re2Node[]): Re2Node[] {
  const out: Re2Node[] = [];
  let start = 0;
  while (start < subs.length) {
    const lead = simpleLead(subs[start]!);
    const key = lead && JSON.stringify(lead);
    let end = start + 1;
    while (key && end < subs.length && JSON.stringify(simpleLead(subs[end]!)) === key) end++;
    if (!lead || end - start < 2) {
      out.push(subs[start]!);
      start++;
      continue;
    }
    const rests = subs.slice(start, end).map((s) => concat(pieces(s).slice(1)));
    out.push(concat([lead, factor(rests)]));
    start = end;
  }
  return out;
}

function asRanges(node: Re2Node): (readonly [number, number])[] | null {
  if (node.op === "literal") {
    const { code } = node;
    if (!node.fold) return [[code, code]];
    const other = code >= 97 ? code - 32 : code + 32;
    return [[code, code], [other, other]];
  }
  if (node.op === "class" && node.set.properties.length === 0) return node.set.negated ? complementRanges(node.set.ranges) : [...node.set.ranges];
  return null;
}

function roundCharacters(subs: readonly Re2Node[]): Re2Node[] {
  const out: Re2Node[] = [];
  let start = 0;
  while (start < subs.length) {
    let end = start;
    while (end < subs.length && asRanges(subs[end]!)) end++;
    if (end - start < 2) {
      out.push(subs[start]!);
      start++;
      continue;
    }
    const set: CharSet = { ranges: normalizeRanges(subs.slice(start, end).flatMap((s) => asRanges(s)!)), properties: [], negated: false };
    out.push({ op: "class", set });
    start = end;
  }
  return out;
}

function roundEmpty(subs: readonly Re2Node[]): Re2Node[] {
  return subs.filter((s, i) => !(s.op === "empty" && i > 0 && subs[i - 1]!.op === "empty"));
}

/** The rounds over one alternation's branches (already factored inside). */
function factor(subs: readonly Re2Node[]): Re2Node {
  return alternate(roundEmpty(roundCharacters(roundSimple(roundLiterals(subs)))));
}

/** The whole tree with every alternation rewritten as RE2's parser leaves it. */
export function factorAlternations(node: Re2Node): Re2Node {
  switch (node.op) {
    case "concat":
      return { op: "concat", items: node.items.map(factorAlternations) };
    case "alternate":
      return factor(node.items.map(factorAlternations).flatMap((i) => (i.op === "alternate" ? i.items : [i])));
    case "repeat":
    case "capture":
      return { ...node, item: factorAlternations(node.item) };
    default:
      return node;
  }
}
