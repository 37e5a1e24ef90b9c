// Text into HTML, and data into an inline <script>: everything from the policy (names, header values, regexes)
// passes through one of these, so nothing an author writes becomes markup or ends a script element.

export function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON for `<script type="application/json">`: `<`, `>`, `&` and the line separators escaped, so `</script>` cannot occur. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A bundled script inside <script>: only `</script` (any case) could end it early; break it up. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}
