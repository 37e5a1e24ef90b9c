// RE2's "program size", the number Envoy compares with `re2.max_program_size.error_level` (default 100):
// RE2::ProgramSize() is the instruction count of the compiled, flattened forward program. This file repeats
// RE2's steps on the parsed tree: required-prefix stripping (re2.cc RE2::Init, regexp.cc RequiredPrefix),
// Simplify's expansion of counted repetitions (simplify.cc), the compiler's instructions, byte by byte over
// UTF-8 with its suffix cache (compile.cc), and Prog::Flatten's lists (prog.cc). It does not repeat the
// parser's factoring of alternations (parse.cc FactorAlternation), which only ever shrinks a program, so for
// a pattern with common prefixes across `|` the count is an upper bound; test/simulate/re2-program-size.test.ts
// compares it with a real RE2 build.
import { buildProgram, flattenedSize, type ProgNode as Node } from "./re2-prog";
import type { Re2Node } from "./re2-syntax";

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
      const { min, max } = node;
      if (max < 0) {
        if (min === 0) return squash("star", item);
        if (min === 1) return squash("plus", item);
        return { op: "concat", items: [...Array<Node>(min - 1).fill(item), squash("plus", item)] };
      }
      if (min === 0 && max === 1) return squash("quest", item);
      if (max === 0) return { op: "empty" };
      if (min === 1 && max === 1) return item;
      const items: Node[] = Array<Node>(min).fill(item);
      if (max > min) {
        let suffix: Node = { op: "quest", item };
        for (let i = min + 1; i < max; i++) suffix = { op: "quest", item: { op: "concat", items: [item, suffix] } };
        items.push(suffix);
      }
      return items.length === 1 ? items[0]! : { op: "concat", items };
    }
    default:
      return node;
  }
}

/** The parser's squashing of doubled operators: (?:a*)* is a*, (?:a+)? is a*. */
function squash(op: "star" | "plus" | "quest", item: Node): Node {
  if (item.op === "star" || item.op === "plus" || item.op === "quest") return item.op === op ? item : { op: "star", item: item.item };
  return { op, item };
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

/** The instruction count of RE2's program for `node`; counting stops early once it passes `limit`. */
export function re2ProgramSize(node: Re2Node, limit = Infinity): number {
  const tree = simplify(stripRequiredPrefix(node));
  const program = buildProgram(tree, limit);
  return program === null ? limit : flattenedSize(program);
}
