// POSIX sh quoting. The init script only ever holds values the model guarantees (numbers, canonical CIDRs,
// DNS-1123 names, fixed words), and model-values.ts proves that before rendering; quoting is the second
// line of defence, so even a value that slipped through could not be read as shell syntax.

/** One shell word: single-quoted, with every `'` written as `'\''` (POSIX 2.2.2: nothing is special inside). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A here-document whose delimiter is quoted, so the shell expands nothing in its body (POSIX 2.7.4). The
 * body must not contain the delimiter as a line of its own, which would end the document early.
 */
export function quotedHereDoc(command: string, body: string, delimiter = "MESHC_END"): string {
  const lines = body.endsWith("\n") ? body.slice(0, -1).split("\n") : body.split("\n");
  if (lines.includes(delimiter)) throw new Error(`capture: a here-document body contains its delimiter ${delimiter}`);
  return [`${command} <<'${delimiter}'`, ...lines, delimiter].join("\n");
}
