// An Envoy document as Envoy itself sees it: YAML (or JSON, which is YAML) turned into a JSON tree, each
// node keeping its offset in the text so a diagnostic can point at it. Scalars are typed as Envoy's loader
// types them (yaml-cpp-scalars.ts), not as a YAML 1.2 reader would; map keys are strings; a key tagged
// `!ignore` is skipped, as Envoy skips it.
//
// Two things are refused before any conversion: anchors and aliases (MESH810) — meshc never writes them, and
// expanding them is exponential (a 400-byte alias bomb took 33 s and 2.5 GB) — and a document with no value
// at all (MESH811: empty, only comments or `---`), which Envoy rejects ("Unable to convert YAML as JSON").
import { isMap, isScalar, isSeq, type Node, parseDocument, Scalar, visit } from "yaml";
import { envoyKey, envoyScalar } from "./yaml-cpp-scalars";

export interface Located {
  readonly start: number;
  readonly end: number;
}

export type JsonNode =
  | (Located & { readonly kind: "object"; readonly entries: readonly JsonEntry[] })
  | (Located & { readonly kind: "array"; readonly items: readonly JsonNode[] })
  | (Located & { readonly kind: "string"; readonly value: string })
  /** Integers stay exact (int64 fields need more than 53 bits). */
  | (Located & { readonly kind: "integer"; readonly value: bigint })
  | (Located & { readonly kind: "number"; readonly value: number })
  | (Located & { readonly kind: "bool"; readonly value: boolean })
  | (Located & { readonly kind: "null" });

export interface JsonEntry {
  readonly key: string;
  readonly keyAt: Located;
  readonly value: JsonNode;
}

export interface ParseError {
  /** MESH800 when the text is not YAML; MESH810 for an anchor or alias; MESH811 for an empty document. */
  readonly code: "MESH800" | "MESH810" | "MESH811";
  readonly message: string;
  readonly at: Located;
}

export interface ParsedDocument {
  readonly root: JsonNode | null;
  readonly errors: readonly ParseError[];
}

function at(node: Node | null | undefined, fallback: number): Located {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: fallback, end: fallback };
}

function scalar(node: Scalar, loc: Located): JsonNode {
  const typed = envoyScalar(String(node.value ?? ""), node.type === Scalar.PLAIN || node.type === undefined, node.tag);
  return { ...typed, ...loc } as JsonNode;
}

/** Deeper than any Envoy config; the walk stops there rather than exhaust the stack. */
const MAX_DEPTH = 200;

function convert(node: unknown, fallback: number, depth = 0): JsonNode {
  const loc = at(node as Node, fallback);
  if (depth > MAX_DEPTH) return { kind: "null", ...loc };
  if (isMap(node)) {
    const entries: JsonEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (keyNode?.tag === "!ignore") continue;
      const key = isScalar(keyNode) ? envoyKey(String(keyNode.value ?? ""), keyNode.type === Scalar.PLAIN, keyNode.tag) : keyNode === null ? "null" : String(keyNode);
      entries.push({ key, keyAt: at(keyNode, loc.start), value: convert(pair.value, at(keyNode, loc.start).end, depth + 1) });
    }
    return { kind: "object", entries, ...loc };
  }
  if (isSeq(node)) return { kind: "array", items: node.items.map((item) => convert(item, loc.start, depth + 1)), ...loc };
  if (isScalar(node)) return scalar(node, loc);
  return { kind: "null", ...loc };
}

/** The first anchor or alias in the document, if any. */
function firstAnchorOrAlias(contents: unknown): ParseError | null {
  let found: ParseError | null = null;
  visit(contents as Node, {
    Alias(_key, node) {
      found = { code: "MESH810", message: `the alias *${node.source} refers to an anchor: meshc refuses YAML aliases (it never writes them, and expanding them can blow a small file up to gigabytes)`, at: at(node, 0) };
      return visit.BREAK;
    },
    Node(_key, node) {
      if (!node.anchor) return undefined;
      found = { code: "MESH810", message: `the anchor &${node.anchor} is refused: meshc never writes YAML anchors or aliases (expanding them can blow a small file up to gigabytes)`, at: at(node, 0) };
      return visit.BREAK;
    },
  });
  return found;
}

function isEmptyDocument(contents: unknown): boolean {
  if (contents === null || contents === undefined) return true;
  return isScalar(contents) && contents.type === Scalar.PLAIN && contents.tag === undefined && envoyScalar(String(contents.value ?? ""), true).kind === "null";
}

/** Parses YAML or JSON text as Envoy does; duplicate keys are errors (meshc never writes them). */
export function parseJsonTree(text: string): ParsedDocument {
  // The failsafe schema leaves every scalar a string with its style and tag: Envoy's typing is applied here.
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: true, prettyErrors: false });
  const errors: ParseError[] = doc.errors.map((e) => ({ code: "MESH800", message: e.message, at: { start: e.pos[0], end: e.pos[1] } }));
  if (errors.length) return { root: null, errors };
  const refused = firstAnchorOrAlias(doc.contents);
  if (refused) return { root: null, errors: [refused] };
  if (isEmptyDocument(doc.contents)) {
    return { root: null, errors: [{ code: "MESH811", message: "the document holds no value (it is empty, only comments or `---`, or null): Envoy refuses it (\"Unable to convert YAML as JSON\")", at: { start: 0, end: 0 } }] };
  }
  return { root: convert(doc.contents, 0), errors: [] };
}
