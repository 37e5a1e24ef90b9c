// meshc's plain block YAML streams read as the `yaml` package reads them by default (`parseAllDocuments(text)`,
// then `doc.toJS()`): YAML 1.2's core schema, which is how the Kubernetes validator and the Istio reference check
// see the objects. The plain block reader (plain-block-reader.ts) gives the shape; this file gives the values:
// - a plain scalar is typed by the first of the core schema's tests that matches, in the schema's order
//   (yaml/dist/schema/core: null, bool, octal, decimal and hexadecimal int, nan/inf, exponent and plain float),
//   with the same conversions (parseInt, parseFloat); anything else, and every quoted or block scalar, is a string;
// - a map key is its value as text (String(value); "" for null), set as toJS sets it (an own property even for
//   `__proto__`); two keys with the same text give up, which covers every key the full parser calls a duplicate
//   (equal typed values) and more;
// - documents are split at the lines `---`; an empty document, a `...`, a directive or anything else outside the
//   subset gives up, and the caller reads the text with the full parser.
// test/validate/kubernetes-fast-path.test.ts holds this reading to the full parser's, differentially.
import { readPlainBlockValue, type ValueTyping } from "./plain-block-reader";

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema, as the `yaml` package resolves it. */
export function coreScalar(text: string): null | boolean | number | string {
  return surelyText(text) ? text : coreRules(text);
}

/**
 * Whether no test of the schema can match, judged by the first character: a letter that starts none of the
 * null or bool words (n, t, f in either case), or one that does in a text longer than the longest ("false"), or
 * any other character that starts no number ([-+.0-9]) and is not "~". Most scalars are names; the tests ran
 * eight regular expressions on each.
 */
function surelyText(text: string): boolean {
  const first = text.charCodeAt(0);
  const c = first | 0x20; // a letter in lower case ("": NaN | 0x20 = 32, which is no letter)
  if (c >= 97 && c <= 122) return text.length > 5 || !(c === 110 || c === 116 || c === 102);
  return text.length > 0 && first !== 126 && first !== 43 && first !== 45 && first !== 46 && !(first >= 48 && first <= 57);
}

/** The core schema's tests in order (coreScalar without its shortcut). */
export function coreRules(text: string): null | boolean | number | string {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

const CORE_VALUES: ValueTyping = {
  scalar: (value, plain) => (plain ? coreScalar(value) : value),
  key: (value, plain) => {
    const v = plain ? coreScalar(value) : value;
    return v === null ? "" : String(v);
  },
};

/**
 * One document's value as `doc.toJS()` gives it, or undefined when the text is outside the plain subset. Keys are
 * set as toJS sets them (an own property even for `__proto__`); two keys of the same text give up.
 */
export function readCoreDocument(text: string): unknown {
  return readPlainBlockValue(text, CORE_VALUES);
}

const SEPARATOR = "---\n";

/**
 * The texts of a stream's documents, split at its `---` lines, with each one's offset; null when the stream is not
 * plainly split (an empty document, a `---` with text after it on its line …). Each text is then read on its own.
 */
export function streamDocuments(text: string): { start: number; text: string }[] | null {
  if (!text.endsWith("\n")) return null;
  const out: { start: number; text: string }[] = [];
  let start = text.startsWith(SEPARATOR) ? SEPARATOR.length : 0;
  for (;;) {
    const next = text.indexOf("\n" + SEPARATOR, start - 1);
    const end = next < 0 ? text.length : next + 1;
    if (end <= start) return null;
    out.push({ start, text: text.slice(start, end) });
    if (next < 0) return out;
    start = end + SEPARATOR.length;
    if (start >= text.length) return null; // a trailing `---`: an empty last document
  }
}
