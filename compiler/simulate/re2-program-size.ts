// RE2's "program size", the number Envoy compares with `re2.max_program_size.error_level` (default 100):
// RE2::ProgramSize() is the instruction count of the compiled, flattened forward program. This file repeats
// RE2's steps on the parsed tree: required-prefix stripping (re2.cc RE2::Init, regexp.cc RequiredPrefix),
// Simplify's expansion of counted repetitions (simplify.cc), the compiler's instructions, byte by byte over
// UTF-8 with its suffix cache and trie of leading bytes (compile.cc), and Prog::Flatten's lists (prog.cc),
// after the parser's factoring of alternations (re2-factor.ts). test/simulate/re2-program-size.test.ts
// compares the count with a real RE2 build. Unicode property classes are enumerated from JavaScript's tables,
// which may be a Unicode version apart from the RE2 that Envoy links.
import { factorAlternations } from "./re2-factor";
import { buildProgram, flattenedSize, type ProgNode as Node } from "./re2-prog";
import type { Re2Node } from "./re2-syntax";

type Loop = "star" | "plus" | "quest";

/** RE2's Simplify: counted repetitions become copies of their operand (`x{2,4}` is `xx(x(x)?)?`). */
function simplify(node: Re2Node): Node {
  switch (node.op) {
    case "concat":
      return { op: "concat", items: node.items.map(simplify) };
    case "alternate":
      return { op: "alternate", items: node.items.map(simplify) };
    case "capture":
      return { op: "capture", item: simplify(node.item) };
    case "repeat": {
      const item = simplify(node.item);
      const { min, max, greedy } = node;
      const loop = (op: Loop, of: Node): Node => simplifiedLoop(op, greedy, of);
      if (max < 0) {
        if (min === 0) return loop("star", squashed("star", greedy, node.item, item));
        if (min === 1) return loop("plus", squashed("plus", greedy, node.item, item));
        return { op: "concat", items: [...Array<Node>(min - 1).fill(item), loop("plus", item)] };
      }
      if (min === 0 && max === 1) return loop("quest", squashed("quest", greedy, node.item, item));
      if (max === 0) return { op: "empty" };
      if (min === 1 && max === 1) return item;
      const items: Node[] = Array<Node>(min).fill(item);
      if (max > min) {
        let suffix: Node = loop("quest", item);
        for (let i = min + 1; i < max; i++) suffix = loop("quest", { op: "concat", items: [item, suffix] });
        items.push(suffix);
      }
      return items.length === 1 ? items[0]! : { op: "concat", items };
    }
    default:
      return node;
  }
}

const LOOPS: Readonly<Record<Loop, readonly [number, number]>> = { star: [0, -1], plus: [1, -1], quest: [0, 1] };

/** Parse-time squashing (parse.cc PushRepeatOp): x** is x*, and *+ *? +* +? ?* ?+ all become *, when the
 * inner operator (written as *, + or ?) has the same greediness. `sub` is the inner loop, simplified. */
function squashed(op: Loop, greedy: boolean, written: Re2Node, sub: Node): Node & { squash?: Loop } {
  if (written.op !== "repeat" || written.greedy !== greedy) return sub;
  const inner = (Object.keys(LOOPS) as Loop[]).find((k) => LOOPS[k][0] === written.min && LOOPS[k][1] === written.max);
  if (!inner || sub.op !== inner) return sub;
  const body = (sub as { item: Node }).item;
  return { ...(op === inner ? sub : { op: "star", greedy, item: body }), squash: op };
}

/** Simplify's loop rules: a loop of the empty match is the empty match; a loop of the same loop is itself. */
function simplifiedLoop(op: Loop, greedy: boolean, item: Node & { squash?: Loop }): Node {
  if (item.squash) {
    const { squash: _, ...rest } = item;
    return rest as Node;
  }
  if (item.op === "empty") return item;
  if (item.op === op && (item as { greedy: boolean }).greedy === greedy) return item;
  return { op, greedy, item };
}

/** Concatenations flattened, as RE2's parser collapses nested ones. */
function flat(items: readonly Re2Node[]): Re2Node[] {
  return items.flatMap((i) => (i.op === "concat" ? flat(i.items) : [i]));
}

/** RE2::Init strips `^literal…` into a required prefix and compiles only what follows it (before Simplify,
 * so `^a{3}` keeps its repetition). */
function stripRequiredPrefix(node: Re2Node): Re2Node {
  if (node.op !== "concat") return node;
  const items = flat(node.items);
  let i = 0;
  while (i < items.length && items[i]!.op === "assert" && (items[i] as { kind: string }).kind === "begin-text") i++;
  if (i === 0 || i >= items.length || items[i]!.op !== "literal") return node;
  const fold = (items[i] as { fold: boolean }).fold;
  while (i < items.length && items[i]!.op === "literal" && (items[i] as { fold: boolean }).fold === fold) i++;
  const rest = items.slice(i);
  return rest.length === 0 ? { op: "empty" } : { op: "concat", items: rest };
}

/** The instruction count of RE2's program for `node`, or `limit` when it is at least that (counting stops early). */
export function re2ProgramSize(node: Re2Node, limit = Infinity): number {
  const tree = simplify(stripRequiredPrefix(factorAlternations(node)));
  const program = buildProgram(tree, limit);
  return program === null ? limit : Math.min(limit, flattenedSize(program));
}
