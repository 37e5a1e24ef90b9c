// A fast reader for the plain block YAML that meshc's own writer (targets/stable-yaml.ts) produces: block maps
// and sequences indented by two, one-line plain, single- and double-quoted scalars, literal blocks (`|`, `|-`,
// `|+`) and the empty `[]` / `{}`.
// At mesh scale the full parser (the `yaml` package, ~1 MB/s) was most of the validation's time.
//
// It gives up (null) on anything outside that subset — comments, blank lines, flow collections, block
// scalars with indicators, tags, anchors, explicit keys, multi-line quoted scalars, tabs, CR, control characters, duplicate keys —
// and the caller then uses the full parser. When it does return a tree, that tree has the same shape and keys as
// the full parser's; how a scalar is typed is the caller's (`ScalarTyping`): Envoy's yaml-cpp rules for Envoy
// documents (envoy/plain-block-reader.ts), YAML 1.2's core schema for Kubernetes and Istio objects
// (yaml-core-values.ts). test/validate/plain-block-reader.test.ts and kubernetes-fast-path.test.ts check it
// differentially against the full parser on arbitrary data, hostile strings and mutated texts; its offsets are
// only approximate, so the validators use it only to learn that a document has no findings, and read a document
// with findings again with the full parser, whose offsets the diagnostics carry.
import type { JsonEntry, JsonNode } from "./envoy/json-tree";

/** A scalar's value without its place: what `ScalarTyping.scalar` returns. */
export type TypedScalar = Unplaced<Extract<JsonNode, { kind: "null" | "bool" | "integer" | "number" | "string" }>>;
type Unplaced<T> = T extends unknown ? Omit<T, "start" | "end"> : never;

/** How a one-line scalar is typed: `value` is its text (unquoted when `plain` is false). */
export interface ScalarTyping {
  scalar(value: string, plain: boolean): TypedScalar;
  /** A map key's text as the reader's consumer names it. */
  key(value: string, plain: boolean): string;
}

/**
 * How a reader that builds plain values (readPlainBlockValue) types a one-line scalar and names a key: the value
 * the consumer's own parser would give, and the key's text (undefined gives up: a key the consumer would type as
 * something else).
 */
export interface ValueTyping {
  scalar(value: string, plain: boolean): unknown;
  key(value: string, plain: boolean): string | undefined;
}

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

/**
 * Characters the subset never holds raw (a quoted scalar carries them as escapes). A tab is held only inside a
 * literal block's lines, after their indentation (a capture script's nft rules are indented with tabs): a tab
 * anywhere else — in a key, a plain or quoted scalar, an indentation, a block's header — gives up.
 */
const OUTSIDE_SUBSET = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\r\u2028\u2029\ud800-\udfff]/;
/** YAML's indicators, by code: none may start a plain scalar (plainText). , [ ] { } # & * ! | > ' " % @ ` */
const INDICATOR_FIRST = new Uint8Array(128);
for (const c of ",[]{}#&*!|>'\"%@`") INDICATOR_FIRST[c.charCodeAt(0)] = 1;
/** The escapes JSON and YAML double quotes share (others, such as \x41 or \N, send the text to the full parser). */
const JSON_ESCAPES = /\\[^"\\/bfnrtu]/;
const MAX_DEPTH = 150;
const MAX_KEY = 1024;

/** A line of only spaces, in a block's text. */
const ONLY_SPACES = /(?:^|\n) +\n/;
const blockEndByIndent = new Map<number, RegExp>();

/** The newline before the first line that is neither empty nor indented by `indent` (or the text's last one). */
function blockEnd(indent: number): RegExp {
  let re = blockEndByIndent.get(indent);
  if (!re) blockEndByIndent.set(indent, (re = new RegExp(`\\n(?! {${indent}}|\\n)`, "g")));
  return re;
}

/** What the mode that does not use them holds instead (never written to). */
const NO_ENTRIES: JsonEntry[] = [];
const NO_OBJECT: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** A map or a sequence, as the values reader builds them. */
const isCollection = (v: unknown): boolean => typeof v === "object" && v !== null;

/**
 * The reader builds either located nodes (JsonNode, `typing`) or the plain values the consumer's parser would give
 * (`values`): the Kubernetes and Istio validators want values, and making nodes first and converting them was a
 * third of their reading. One reader with a flag rather than two: the subset is decided in one place.
 */
/**
 * Whether `raw` may be a one-line plain scalar here: not empty, not starting with an indicator (or with `?`, `:`,
 * `-` alone or before a space), no space at either end, no ": " or " #", no colon at its end. By character codes:
 * two regular expressions on every scalar and key were ~10 % of the reading (test/validate/plain-block-reader.test.ts
 * holds the two ways equal).
 */
export function plainText(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return false;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  if (first < 128 && INDICATOR_FIRST[first] === 1) return false;
  // `?`, `:` or `-` alone or before a space; a space at either end; a colon at the end; ": " or " #" inside.
  if ((first === 63 || first === 58 || first === 45) && (n === 1 || raw.charCodeAt(1) === 32)) return false;
  return !(first === 32 || last === 32 || last === 58 || raw.includes(": ") || raw.includes(" #"));
}

class Reader {
  /** Whether the text holds a tab at all (most do not, and then no line needs looking at for one). */
  readonly tabs: boolean;
  readonly values: ValueTyping | undefined;

  constructor(
    readonly text: string,
    readonly typing: ScalarTyping | ValueTyping,
    values: boolean,
  ) {
    this.tabs = text.includes("\t");
    this.values = values ? (typing as ValueTyping) : undefined;
  }

  /** What a nested line must hold: a map or a sequence. */
  collection(node: unknown): boolean {
    return this.values ? isCollection(node) : (node as JsonNode).kind === "object" || (node as JsonNode).kind === "array";
  }

  /** The end of the line that `pos` is in (the index of its "\n"). */
  lineEndIn(pos: number): number {
    const end = this.text.indexOf("\n", pos);
    if (end < 0) throw GIVE_UP;
    return end;
  }

  /** The end of the structural line that `pos` is on (the index of its "\n"); it may not hold a tab. */
  lineEnd(pos: number): number {
    const end = this.lineEndIn(pos);
    if (this.tabs) for (let i = pos; i < end; i++) if (this.text.charCodeAt(i) === 9) throw GIVE_UP;
    return end;
  }

  /** The indentation of the line starting at `pos`, or -1 at the end of the text. */
  indentAt(pos: number): number {
    const text = this.text;
    if (pos >= text.length) return -1;
    let i = pos;
    while (text.charCodeAt(i) === 32) i++;
    const c = text[i];
    if (c === "\n" || c === "#" || c === undefined) throw GIVE_UP;
    if (i === pos && (text.startsWith("---", pos) || text.startsWith("...", pos))) throw GIVE_UP;
    return i - pos;
  }

  /**
   * A scalar from `pos` to `end` (the line's end), typed as Envoy types it, and the start of the line after it:
   * a literal block (`|`, `|-`, `|+`) runs on over the lines indented by `blockIndent` (or empty).
   */
  scalar(pos: number, end: number, blockIndent: number): [JsonNode, number] {
    const raw = this.text.slice(pos, end);
    if (raw[0] === "|") return this.literal(raw, pos, end, blockIndent);
    return [this.oneLine(raw, pos, end), end + 1];
  }

  /**
   * A literal block scalar as stable-yaml writes it: no indentation indicator, no line of only spaces. Its end
   * is found by one regular expression and its value cut out of the text at once, not line by line: a
   * ConfigMap's embedded files are most of the Kubernetes output.
   */
  literal(header: string, pos: number, end: number, indent: number): [JsonNode, number] {
    // (indent 0: a block at the root, which is not a collection and so given up anyway.)
    if ((header !== "|" && header !== "|-" && header !== "|+") || indent < 1) throw GIVE_UP;
    const text = this.text;
    const from = end + 1;
    const ends = blockEnd(indent);
    ends.lastIndex = end;
    // The block's lines are empty or indented by `indent` at least; it ends before the first line that is neither.
    const found = ends.exec(text);
    if (!found) throw GIVE_UP;
    const line = found.index + 1;
    const block = text.slice(from, line);
    // A line of only spaces: how a reader counts them is subtle. (A shorter one after the block ends it, and
    // indentAt refuses it there.)
    if (ONLY_SPACES.test(block)) throw GIVE_UP;
    let first = 0;
    while (block.charCodeAt(first) === 10) first++;
    // No line with text; or the first one, which fixes the indentation a reader detects, is not indented as meshc writes.
    if (first === block.length || block.charCodeAt(first + indent) === 32) throw GIVE_UP;
    // Each line loses its indentation (empty lines have none); split and join on a fixed string beat a /^ {n}/gm.
    const dedented = `\n${block}`.split(`\n${" ".repeat(indent)}`).join("\n").slice(1);
    let last = dedented.length;
    while (last > 0 && dedented.charCodeAt(last - 1) === 10) last--;
    const value = header === "|+" ? dedented : header === "|" ? `${dedented.slice(0, last)}\n` : dedented.slice(0, last);
    return [this.values ? (value as never) : { kind: "string", value, start: pos, end: line }, line];
  }

  /** A one-line scalar: `[]`, `{}`, quoted or plain. */
  oneLine(raw: string, pos: number, end: number): JsonNode {
    const values = this.values;
    if (values) {
      if (raw === "[]") return [] as never;
      if (raw === "{}") return {} as never;
      const quoted = this.quoted(raw);
      return (quoted !== undefined ? values.scalar(quoted, false) : values.scalar(this.plain(raw), true)) as never;
    }
    if (raw === "[]") return { kind: "array", items: [], start: pos, end };
    if (raw === "{}") return { kind: "object", entries: [], start: pos, end };
    const typing = this.typing as ScalarTyping;
    const quoted = this.quoted(raw);
    const typed = quoted !== undefined ? typing.scalar(quoted, false) : typing.scalar(this.plain(raw), true);
    // Field by field: spreading scalars of several shapes is V8's slow path (it was most of the reader's time).
    return typed.kind === "null" ? { kind: "null", start: pos, end } : ({ kind: typed.kind, value: typed.value, start: pos, end } as JsonNode);
  }


  /** The value of a quoted scalar that is the whole of `raw`, or undefined when `raw` is not quoted. */
  quoted(raw: string): string | undefined {
    const q = raw[0];
    if (q === '"') {
      if (raw.length < 2 || raw[raw.length - 1] !== '"' || JSON_ESCAPES.test(raw)) throw GIVE_UP;
      try {
        const value: unknown = JSON.parse(raw);
        if (typeof value !== "string") throw GIVE_UP;
        return value;
      } catch {
        throw GIVE_UP;
      }
    }
    if (q === "'") {
      if (raw.length < 2 || raw[raw.length - 1] !== "'") throw GIVE_UP;
      const body = raw.slice(1, -1);
      if (/'(?!')/.test(body.replace(/''/g, ""))) throw GIVE_UP;
      return body.replace(/''/g, "'");
    }
    return undefined;
  }

  plain(raw: string): string {
    if (!plainText(raw)) throw GIVE_UP;
    return raw;
  }

  /** A node starting at `pos` (column `col`); returns it and the start of the first line after it. */
  node(pos: number, col: number, depth: number): [JsonNode, number] {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const text = this.text;
    if (text.charCodeAt(pos) === 32) throw GIVE_UP; // "-  x": more than one space after the dash
    if (text.startsWith("- ", pos)) return this.sequence(pos, col, depth);
    const end = this.lineEnd(pos);
    const colon = this.keyEnd(pos, end);
    if (colon < 0) return this.scalar(pos, end, col);
    return this.map(pos, col, depth);
  }

  /** The index of the ":" ending the key that starts at `pos`, or -1 when the line is not a key. */
  keyEnd(pos: number, end: number): number {
    const text = this.text;
    const q = text[pos];
    if (q === '"' || q === "'") {
      // The closing quote: the first unescaped one (double) or the first not doubled (single).
      let i = pos + 1;
      for (; i < end; i++) {
        const c = text[i];
        if (q === '"' && c === "\\") i++;
        else if (c === q) {
          if (q === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
      if (i >= end) throw GIVE_UP;
      return text[i + 1] === ":" && (text[i + 2] === " " || text[i + 2] === "\n") ? i + 1 : -1;
    }
    for (let i = text.indexOf(":", pos); i >= 0 && i < end; i = text.indexOf(":", i + 1)) {
      if (i + 1 === end || text[i + 1] === " ") return i;
    }
    return -1;
  }

  /** The text of the key `key` read last (unquoted): duplicates are judged by it. */
  keyText = "";

  /** The key from `pos` to `colon` as the consumer names it; its text is then `keyText`. */
  key(pos: number, colon: number): string {
    if (colon - pos > MAX_KEY) throw GIVE_UP;
    const raw = this.text.slice(pos, colon);
    const quoted = this.quoted(raw);
    this.keyText = quoted ?? raw;
    const key = quoted !== undefined ? this.typing.key(quoted, false) : this.typing.key(this.plain(raw), true);
    if (key === undefined) throw GIVE_UP;
    return key;
  }

  map(pos: number, col: number, depth: number): [JsonNode, number] {
    const text = this.text;
    const values = this.values !== undefined;
    const entries: JsonEntry[] = values ? NO_ENTRIES : [];
    const object: Record<string, unknown> = values ? {} : NO_OBJECT;
    const seen = new Set<string>();
    const start = pos;
    for (;;) {
      const end = this.lineEnd(pos);
      const colon = this.keyEnd(pos, end);
      if (colon < 0) throw GIVE_UP;
      // Duplicates are judged on the key's text, as the full parser judges them (before Envoy's typing).
      const rawKey = this.key(pos, colon);
      const unique = this.keyText;
      if (seen.has(unique)) throw GIVE_UP;
      seen.add(unique);
      let value: JsonNode;
      let next: number;
      if (colon + 1 === end) {
        // A nested collection on the following lines, indented deeper.
        const line = end + 1;
        const indent = this.indentAt(line);
        if (indent <= col) throw GIVE_UP;
        [value, next] = this.node(line + indent, indent, depth + 1);
        if (!this.collection(value)) throw GIVE_UP;
      } else {
        if (text[colon + 2] === " " || text.startsWith("- ", colon + 2)) throw GIVE_UP;
        [value, next] = this.scalar(colon + 2, end, col + 2);
      }
      if (!values) entries.push({ key: rawKey, keyAt: { start: pos, end: colon }, value });
      // Two texts typed to one key (`1` and `0x1`) are a duplicate too. Every key set becomes an own property
      // (assigned, or defined over an inherited one such as `__proto__`), as the parsers' own conversions set it.
      else if (Object.hasOwn(object, rawKey)) throw GIVE_UP;
      else if (rawKey in object) Object.defineProperty(object, rawKey, { value, writable: true, enumerable: true, configurable: true });
      else object[rawKey] = value;
      const indent = this.indentAt(next);
      if (indent < col) return [values ? (object as never) : { kind: "object", entries, start, end: next }, next];
      if (indent > col) throw GIVE_UP;
      pos = next + indent;
      if (text.startsWith("- ", pos)) throw GIVE_UP;
    }
  }

  sequence(pos: number, col: number, depth: number): [JsonNode, number] {
    const text = this.text;
    const items: JsonNode[] = [];
    const start = pos;
    for (;;) {
      const [item, next] = this.node(pos + 2, col + 2, depth + 1);
      items.push(item);
      const indent = this.indentAt(next);
      if (indent < col) return [this.values ? (items as never) : { kind: "array", items, start, end: next }, next];
      if (indent > col || !text.startsWith("- ", next + indent)) throw GIVE_UP;
      pos = next + indent;
    }
  }
}

function read(text: string, typing: ScalarTyping | ValueTyping, values: boolean): unknown {
  if (!text.endsWith("\n") || OUTSIDE_SUBSET.test(text)) return undefined;
  const reader = new Reader(text, typing, values);
  try {
    const indent = reader.indentAt(0);
    if (indent !== 0) return undefined;
    const [root, next] = reader.node(0, 0, 0);
    if (next !== text.length || !reader.collection(root)) return undefined;
    return root;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

/** The tree of `text` if it is in meshc's plain block subset (a map or sequence at its root), else null. */
export function readPlainBlockAs(text: string, typing: ScalarTyping): JsonNode | null {
  return (read(text, typing, false) as JsonNode | undefined) ?? null;
}

/**
 * The value of `text` if it is in the subset (a map or sequence at its root), as the consumer's parser would give
 * it with `typing`'s scalars and keys, else undefined.
 */
export function readPlainBlockValue(text: string, typing: ValueTyping): unknown {
  return read(text, typing, true);
}
