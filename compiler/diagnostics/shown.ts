// How an author's value appears inside a diagnostic message: quoted as JSON (so a NUL, a newline or an escape
// sequence is shown as `\u0000`, `\n`, `\u001b` instead of reaching the terminal or breaking the one-line
// format) and cut short (a 100 KB host name is reported in one line, not pasted whole).

const MAX_SHOWN = 64;

export function shown(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(cut).replace(/[\u2028\u2029\u0080-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
