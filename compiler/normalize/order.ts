// The model's one ordering rule for text: UTF-16 code-unit order, the same on every machine and locale
// (never localeCompare), so rebuilds are byte-identical anywhere. Normalize is where all sorting happens.

export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders records by their `name`. */
export function byName(a: { readonly name: string }, b: { readonly name: string }): number {
  return byText(a.name, b.name);
}
