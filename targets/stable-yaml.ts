// A fast, deterministic YAML emitter for plain data (what targets hand over: objects, arrays, strings,
// numbers, booleans, null). Shared by targets so that every YAML file meshc writes follows the same rules:
//
// - keys sorted at every level by UTF-16 code unit (so "@type" leads each Any); array-index keys ("0", "10")
//   come first in numeric order, as JavaScript itself orders an object's keys;
// - block style, two-space indentation, sequences indented under their key, empty collections as [] / {};
// - no line folding, LF endings, one trailing newline, no anchors, no directives;
// - a string that any reader of meshc's files would type as something else is quoted: YAML 1.1 (yes, on, ~,
//   0x1F, 1e3, 1:20, 2001-12-14, <<, =: https://yaml.org/type/bool.html, https://yaml.org/type/int.html …),
//   YAML 1.2 (0o17), and Envoy, whose yaml-cpp converts scalars with C++ streams (0X1F and 0XFFFFFFFFFF are
//   hexadecimal there; with libc++, also 0x1p3, inf and nan): compiler/validate/envoy/yaml-cpp-scalars.ts
//   says precisely what Envoy types, and test/targets/stable-yaml.test.ts reads every string back through
//   all three.
//
// The rules are those of the `yaml` package's stringify with { version: "1.1", lineWidth: 0 }, which meshc
// used before, and the output is byte-identical to it (test/targets/stable-yaml.test.ts checks that on
// arbitrary data and hostile strings, and that the text parses back to the input) with deliberate
// differences: the strings YAML 1.2 and Envoy type but that package's YAML 1.1 rules leave plain (0X1F,
// 0o17, inf, = …) are quoted, and the string "<<" is quoted. That package writes it plain, and a plain `<<` key is a YAML 1.1
// merge key (https://yaml.org/type/merge.html), so a key named "<<" would not read back; and a multi-line
// string of only spaces and line breaks is quoted, which that package writes as a block that reads back
// without its spaces; and U+FEFF is escaped, which a reader would drop as a byte order mark at the start of
// the text. This file exists for
// speed: at mesh scale (thousands of sidecars) the general-purpose stringifier, which first builds a node
// tree, dominated the build; this walks the data once and caches each distinct scalar's rendering.

/** What the emitter accepts: JSON-like data. `undefined` object fields are left out; in arrays they are null. */
export type YamlValue = string | number | bigint | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const STEP = "  ";

/**
 * Characters only a double-quoted scalar can carry: C0/C1 controls except tab and LF, lone surrogates, and the
 * byte order mark, which a reader drops at the start of a document (https://yaml.org/spec/1.2.2/#52-character-encodings).
 */
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}\u{FEFF}]/u;

/**
 * What a plain scalar may not look like: start with an indicator, be a lone "-"/"?", hold ": ", " #",
 * or end in a space or colon (https://yaml.org/spec/1.2.2/#733-plain-style).
 */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** A line that a YAML 1.1 parser would take for a directive or a document marker. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** Plain scalars that YAML 1.1 resolves to a type other than string; such strings must be quoted. */
const YAML_1_1_IMPLICIT_TYPES: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/, // null (and the empty scalar)
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, // bool true
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, // bool false
  /^[-+]?0b[0-1_]+$/, // int, binary
  /^[-+]?0[0-7_]+$/, // int, octal
  /^[-+]?[0-9][0-9_]*$/, // int, decimal
  /^[-+]?0x[0-9a-fA-F_]+$/, // int, hexadecimal
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, // float, special values
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, // float, exponent
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, // float
  /^<<$/, // merge key (quoted here, unlike the yaml package: see the header)
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/, // int, sexagesimal (1:20)
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, // float, sexagesimal
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/, // timestamp
  /^=$/, // the YAML 1.1 value key (https://yaml.org/type/value.html)
  // Beyond YAML 1.1: what a YAML 1.2 reader or Envoy's yaml-cpp would type (see the header).
  /^[-+]?0[oO][0-7_]+$/, // int, YAML 1.2 octal (0o17)
  /^[-+]?0[bB][0-1_]+$/, // int, binary with a capital B
  /^[-+]?0[xX][0-9a-fA-F_.]*(?:[pP][-+]?[0-9]+)?$/, // int or float, hexadecimal: yaml-cpp's C++ stream reads 0X1F (and libc++ 0x1p3)
  /^[-+]?(?:inf|infinity|nan)$/i, // float words a C++ stream (libc++) reads
];

/** A double-quoted string of at least this many characters may break at its newlines (folding keeps them). */
const MULTILINE_DOUBLE_QUOTED_MIN = 40;

/** Runs of newlines inside a block scalar's trailing whitespace that need the block's indentation after them. */
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** Only line breaks, spaces and tabs, with at least one space or tab. */
const WHITESPACE_LINES = /^\n*[\t ][\n\t ]*$/;

/** YAML's short escapes for characters JSON writes as \u00XX (https://yaml.org/spec/1.2.2/#57-escaped-characters). */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  "0000": "\\0",
  "0007": "\\a",
  "000b": "\\v",
  "001b": "\\e",
  "0085": "\\N",
  "00a0": "\\_",
  "2028": "\\L",
  "2029": "\\P",
};

function doubleQuoted(value: string, indent: string, key: boolean): string {
  const json = JSON.stringify(value).replace(/\ufeff/g, "\\ufeff");
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : "");
  let out = "";
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    let ch = json[i];
    // A space before a line break would be eaten by folding: escape it.
    if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
      out += json.slice(start, i) + "\\ ";
      i += 1;
      start = i;
      ch = "\\";
    }
    if (ch !== "\\") continue;
    const next = json[i + 1];
    if (next === "u") {
      out += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      out += SHORT_ESCAPES[code] ?? (code.startsWith("00") ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === "n") {
      if (key || json[i + 2] === '"' || json.length < MULTILINE_DOUBLE_QUOTED_MIN) {
        i += 1;
      } else {
        // A real line break: folding turns one break into a space, so each break is written one extra time.
        out += json.slice(start, i) + "\n\n";
        while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
          out += "\n";
          i += 2;
        }
        out += lineIndent;
        // A leading space would be folded away: escape it, unless it also ends its line (the rule above escapes
        // it then, as a space before a break, and escaping it twice would write a backslash).
        if (json[i + 2] === " " && !(json[i + 3] === "\\" && json[i + 4] === "n")) out += "\\";
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? out + json.slice(start) : json;
}

function singleQuoted(value: string, indent: string, key: boolean): string {
  // Single quotes cannot carry whitespace next to a line break, nor a break in a key.
  if ((key && value.includes("\n")) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, key);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? STEP : "");
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`) + "'";
}

/** Double quotes, unless the string holds " but no ', where single quotes read better. */
function quoted(value: string, indent: string, key: boolean): string {
  const single = value.includes('"') && !value.includes("'");
  return single ? singleQuoted(value, indent, key) : doubleQuoted(value, indent, key);
}

/** A literal block scalar (|), with the chomping and indentation indicators its ends need. */
function literalBlock(value: string, indent: string, forceIndent: boolean): string {
  // A block cannot end in whitespace after its last line break, nor be only blank lines with spaces in them
  // (a reader cannot tell those spaces from indentation; the yaml package misses this case: " \n").
  if (/\n[\t ]+$/.test(value) || WHITESPACE_LINES.test(value)) return quoted(value, indent, false);
  const lineIndent = indent || (forceIndent || DOCUMENT_MARKER.test(value) ? STEP : "");
  if (!value) return "|\n";
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== "\n" && ch !== "\t" && ch !== " ") break;
    endStart--;
  }
  let end = value.substring(endStart);
  const endBreak = end.indexOf("\n");
  // strip (-) when no trailing break, clip when exactly one, keep (+) when more.
  const chomp = endBreak === -1 ? "-" : value === end || endBreak !== end.length - 1 ? "+" : "";
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith("\n")) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${lineIndent}`);
  }
  // Leading spaces need an explicit indentation indicator; leading empty lines are kept as they are.
  let startsWithSpace = false;
  let lastLeadingBreak = -1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === " ") startsWithSpace = true;
    else if (ch === "\n") lastLeadingBreak = i;
    else break;
  }
  let start = body.substring(0, lastLeadingBreak + 1);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  const header = (startsWithSpace ? (lineIndent ? "2" : "1") : "") + chomp;
  return `|${header}\n${lineIndent}${start}${body.replace(/\n+/g, `$&${lineIndent}`)}${end}`;
}

/**
 * One string as a scalar. `indent` is the indentation of the node's context ("" only for a document that is
 * a bare scalar); `key` for a mapping key, which must stay on one line.
 */
function renderString(value: string, indent: string, key: boolean): string {
  if (NEEDS_ESCAPE.test(value)) return doubleQuoted(value, indent, key);
  const multiline = value.includes("\n");
  if (key && multiline) return quoted(value, indent, key);
  if (NOT_PLAIN.test(value)) return key || !multiline ? quoted(value, indent, key) : literalBlock(value, indent, false);
  if (multiline) return literalBlock(value, indent, false);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === "") return literalBlock(value, indent, true);
    // A top-level key at column 0 would read as a marker.
    if (key && indent === STEP) return quoted(value, indent, key);
  }
  for (const type of YAML_1_1_IMPLICIT_TYPES) if (type.test(value)) return quoted(value, indent, key);
  return value;
}

/** The rendering of a one-line string does not depend on its indentation, so it is computed once. */
const MAX_CACHED = 100_000;
const keyCache = new Map<string, string>();
const valueCache = new Map<string, string>();

function scalarString(value: string, indent: string, key: boolean): string {
  const cache = key ? keyCache : valueCache;
  // Only one-line strings that no reader takes for a marker are cached, and their text is the same at any
  // indentation (the root's too), so a cached one needs no looking at.
  let text = cache.get(value);
  if (text !== undefined) return text;
  text = renderString(value, indent, key);
  if (indent === "" || value.includes("\n") || DOCUMENT_MARKER.test(value)) return text;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(value, text);
  return text;
}

function scalar(value: YamlValue, indent: string): string {
  switch (typeof value) {
    case "string":
      return scalarString(value, indent, false);
    case "number":
      if (!Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value < 0 ? "-.inf" : ".inf";
      return Object.is(value, -0) ? "-0" : JSON.stringify(value);
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "null";
    case "object":
      if (value === null) return "null";
      break;
  }
  throw new TypeError(`stable-yaml: cannot write a ${typeof value}`);
}

/** An array index ("0", "42"): JavaScript lists these keys first, in numeric order, whatever their insertion order. */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(map: { readonly [key: string]: YamlValue }): string[] {
  const keys: string[] = [];
  // Most objects the targets build have their keys in order already: sorted only when they are not.
  let ordered = true;
  for (const k in map) {
    if (!Object.prototype.hasOwnProperty.call(map, k) || map[k] === undefined) continue;
    if (ordered && keys.length > 0 && !(keys[keys.length - 1]! < k)) ordered = false;
    keys.push(k);
  }
  if (ordered && (keys.length === 0 || !isArrayIndex(keys[0]!))) return keys;
  let indexKeys = 0; // Object.keys already lists array indexes first, ascending.
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys]!)) indexKeys++;
  if (indexKeys === 0) return keys.sort(byCodeUnit);
  return [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort(byCodeUnit)];
}

function isCollection(value: YamlValue): value is readonly YamlValue[] | { readonly [key: string]: YamlValue } {
  return typeof value === "object" && value !== null;
}

function isEmpty(value: readonly YamlValue[] | { readonly [key: string]: YamlValue }): boolean {
  if (Array.isArray(value)) return value.length === 0;
  const map = value as { readonly [key: string]: YamlValue };
  for (const k in map) if (Object.prototype.hasOwnProperty.call(map, k) && map[k] !== undefined) return false;
  return true;
}

/** Keys longer than this are written as explicit keys (`? key`), as YAML limits implicit keys to 1024 characters. */
const IMPLICIT_KEY_MAX = 1024;

/**
 * Objects whose text is written once per indentation and reused (`shareRendering`): a node's text depends only on
 * the node and its indentation, so a reused text is the text the walk would write.
 */
const sharedNodes = new WeakMap<object, Map<string, string>>();

/**
 * Marks a value that many documents of a build hold (the Envoy target's cluster for a callee, in every caller's
 * CDS): its YAML is written the first time and copied after that. Returns the value.
 */
export function shareRendering<T extends object>(value: T): T {
  if (!sharedNodes.has(value)) sharedNodes.set(value, new Map());
  return value;
}

/**
 * One indentation level and the separators written at it, made once per depth: the walk wrote `\n${indent}` and
 * `${key}:` as new strings for every key of every document, most of the emitter's garbage.
 */
interface Level {
  readonly indent: string;
  /** What starts a later line at this level: a map's next key. */
  readonly newline: string;
  /** What starts a sequence's later item at this level. */
  readonly item: string;
  next?: Level;
}

const ROOT: Level = { indent: "", newline: "\n", item: "\n- " };

function deeper(level: Level): Level {
  if (!level.next) {
    const indent = level.indent + STEP;
    level.next = { indent, newline: `\n${indent}`, item: `\n${indent}- ` };
  }
  return level.next;
}

/** A key as its line starts (`key:`), by the key's own text: keys repeat far more than scalars. */
const keyLines = new Map<string, string>();

function keyLine(key: string, level: Level): string {
  let line = keyLines.get(key);
  if (line !== undefined) return line;
  const text = scalarString(key, level.indent, true);
  line = text.length > IMPLICIT_KEY_MAX ? "" : `${text}:`;
  // Only keys whose rendering keyCache keeps (one-line, not a marker) are kept: theirs is the same at any level.
  if (keyCache.get(key) === text) {
    if (keyLines.size >= MAX_CACHED) keyLines.clear();
    keyLines.set(key, line);
  }
  return line;
}

/** Appends the node's text: its first line continues the current line; later lines start with `level`'s indent. */
function write(value: YamlValue, level: Level, out: string[]): void {
  if (!isCollection(value)) {
    out.push(scalar(value, level.indent));
    return;
  }
  const renderings = sharedNodes.get(value);
  if (renderings) {
    let text = renderings.get(level.indent);
    if (text === undefined) {
      const own: string[] = [];
      writeCollection(value, level, own);
      text = own.join("");
      renderings.set(level.indent, text);
    }
    out.push(text);
    return;
  }
  writeCollection(value, level, out);
}

function writeCollection(value: readonly YamlValue[] | { readonly [key: string]: YamlValue }, level: Level, out: string[]): void {
  const inner = deeper(level);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push("[]");
      return;
    }
    for (let i = 0; i < value.length; i++) {
      out.push(i === 0 ? "- " : level.item);
      write(value[i], inner, out);
    }
    return;
  }
  const map = value as { readonly [key: string]: YamlValue };
  const keys = sortedKeys(map);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(level.newline);
    const child = map[keys[i]!];
    const line = keyLine(keys[i]!, inner);
    if (line === "") {
      // Longer than an implicit key may be: an explicit one (`? key`).
      out.push(`? ${scalarString(keys[i]!, inner.indent, true)}${level.newline}: `);
      write(child, inner, out);
      continue;
    }
    out.push(line);
    if (isCollection(child) && !isEmpty(child)) {
      out.push(inner.newline);
      write(child, inner, out);
    } else {
      out.push(" ");
      write(child, inner, out);
    }
  }
}

/** The YAML text of one document. */
export function stableYaml(value: YamlValue): string {
  const out: string[] = [];
  write(value, ROOT, out);
  out.push("\n");
  return out.join("");
}
