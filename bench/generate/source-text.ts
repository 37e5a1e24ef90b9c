// Small pieces of TypeScript source the generator writes: references to services and wrapped lists.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `svc.orders`, or `svc["orders-api3"]` when the name is not an identifier. */
export function ref(name: string): string {
  return IDENTIFIER.test(name) ? `svc.${name}` : `svc[${JSON.stringify(name)}]`;
}

/** An array literal, wrapped at about 110 columns with the given indentation for continuation lines. */
export function list(items: readonly string[], indent: string): string {
  if (items.length === 0) return "[]";
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line && line.length + item.length + 2 > 100) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = line ? `${line}, ${item}` : item;
    }
  }
  lines.push(line);
  if (lines.length === 1) return `[${lines[0]}]`;
  return `[\n${lines.map((l) => `${indent}  ${l}`).join("\n")}\n${indent}]`;
}
