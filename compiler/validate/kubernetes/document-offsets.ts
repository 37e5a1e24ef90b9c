// Where a JSON pointer into a parsed YAML document's value is in its text: findings carry the pointer, the
// diagnostics a file:line:col.
import { type Document, isNode } from "yaml";

function decode(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
}

/** The text offset of the deepest node along a JSON pointer. */
export function offsetOf(doc: Document, pointer: string): { start: number; length: number } {
  const parts = decode(pointer);
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    if (isNode(node) && node.range) return { start: node.range[0], length: Math.max(0, node.range[1] - node.range[0]) };
  }
  return { start: 0, length: 0 };
}

