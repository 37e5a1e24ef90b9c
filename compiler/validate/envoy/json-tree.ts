// An Envoy document as Envoy itself sees it: YAML (or JSON, which is YAML) turned into a JSON tree, each
// node keeping its offset in the text so a diagnostic can point at it.
//
// Envoy converts YAML to JSON before the proto3 JSON parser runs (source/common/protobuf/yaml_utility.cc,
// parseYamlNode): quoted scalars are strings; a plain scalar is a bool if yaml-cpp decodes it as one
// (true/false, yes/no, on/off, y/n in any of their capitalisations), else an integer, else a double, else a
// string; `null`/`~`/empty is null. Map keys are always strings. The `yaml` package reads YAML 1.2, where
// `yes` and `on` are strings, so those plain scalars are re-typed here to what Envoy would see.
import { isAlias, isMap, isScalar, isSeq, type Node, parseDocument, Scalar } from "yaml";

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

export interface ParsedDocument {
  readonly root: JsonNode | null;
  readonly errors: readonly { readonly message: string; readonly at: Located }[];
}

/** yaml-cpp's YAML::convert<bool>::decode accepts these plain scalars as booleans. */
const YAML_CPP_TRUE = /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const YAML_CPP_FALSE = /^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function at(node: Node | null | undefined, fallback: number): Located {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: fallback, end: fallback };
}

function scalar(node: Scalar, loc: Located): JsonNode {
  const v = node.value;
  const plain = node.type === Scalar.PLAIN;
  if (v === null || v === undefined) return { kind: "null", ...loc };
  if (typeof v === "string") {
    if (plain && YAML_CPP_TRUE.test(v)) return { kind: "bool", value: true, ...loc };
    if (plain && YAML_CPP_FALSE.test(v)) return { kind: "bool", value: false, ...loc };
    return { kind: "string", value: v, ...loc };
  }
  if (typeof v === "boolean") return { kind: "bool", value: v, ...loc };
  if (typeof v === "bigint") return { kind: "integer", value: v, ...loc };
  if (typeof v === "number") return Number.isInteger(v) && !/[.eE]/.test(node.source ?? "") ? { kind: "integer", value: BigInt(v), ...loc } : { kind: "number", value: v, ...loc };
  return { kind: "string", value: String(v), ...loc };
}

function convert(node: unknown, fallback: number, resolve: (alias: unknown) => unknown, depth: number): JsonNode {
  if (depth > 200) return { kind: "null", start: fallback, end: fallback };
  if (isAlias(node)) return convert(resolve(node), node.range?.[0] ?? fallback, resolve, depth + 1);
  const loc = at(node as Node, fallback);
  if (isMap(node)) {
    const entries = node.items.map((pair) => {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      return { key, keyAt: at(keyNode, loc.start), value: convert(pair.value, at(keyNode, loc.start).end, resolve, depth + 1) };
    });
    return { kind: "object", entries, ...loc };
  }
  if (isSeq(node)) return { kind: "array", items: node.items.map((item) => convert(item, loc.start, resolve, depth + 1)), ...loc };
  if (isScalar(node)) return scalar(node, loc);
  return { kind: "null", ...loc };
}

/** Parses YAML or JSON text; duplicate keys are errors, as they are in Envoy. */
export function parseJsonTree(text: string): ParsedDocument {
  const doc = parseDocument(text, { intAsBigInt: true, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((e) => ({ message: e.message, at: { start: e.pos[0], end: e.pos[1] } }));
  if (errors.length) return { root: null, errors };
  const resolve = (alias: unknown) => (isAlias(alias) ? alias.resolve(doc) : null);
  return { root: doc.contents === null ? null : convert(doc.contents, 0, resolve, 0), errors: [] };
}
