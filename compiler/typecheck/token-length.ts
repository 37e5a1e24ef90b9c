// `tsc --pretty false` prints where a diagnostic starts but not how long it is. The span meshc keeps is
// the token at that position: most TypeScript errors start at the name they are about (`svc.ordrs` →
// `ordrs`, `to: "v3"` → `to`), so the squiggle lands on the same word an editor underlines.

const WORD = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Length in UTF-16 units of the token starting at `start`: a word, a quoted literal, or one character. */
export function tokenLength(text: string, start: number): number {
  if (start >= text.length) return 0;
  const first = text[start]!;
  if (first === '"' || first === "'" || first === "`") {
    for (let i = start + 1; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "\\") i++;
      else if (ch === first) return i - start + 1;
      else if (ch === "\n" && first !== "`") break;
    }
    return 1;
  }
  let end = start;
  while (end < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(end)!);
    if (!WORD.test(ch)) break;
    end += ch.length;
  }
  return Math.max(end - start, 1);
}
