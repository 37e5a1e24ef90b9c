// Istio artifacts are YAML streams (docs/output-format.md), read the way kubectl reads them (sigs.k8s.io/yaml,
// go-yaml v2): YAML 1.2's core schema for numbers and null, plus YAML 1.1's booleans (plain `yes`, `on`, `y` …
// are booleans to go-yaml); duplicate keys are errors (strict decoding); integers are int64 (bigint here), other
// numbers float64. Not reproduced: go-yaml's legacy integer forms (`0777` octal, `1_000`), which no generator
// writes unquoted. Each finding is placed on the node its path names, or on the nearest node that exists (a missing
// required field points at its parent).
import { isMap, isScalar, isSeq, type Node, parseAllDocuments, type Document, type Pair } from "yaml";
import { readStream } from "./fast-yaml";
import type { Finding } from "./finding";
import { validateUnstructured } from "./validate-object";

export interface Located<T> {
  readonly item: T;
  readonly start: number;
  readonly end: number;
}

export interface DocumentFindings {
  /** `Kind namespace/name` of the object, or `document N` when it has none. */
  readonly object: string;
  readonly findings: readonly Located<Finding>[];
}

/** go-yaml v2's booleans beyond YAML 1.2's true/false. */
const YAML11_BOOL = {
  identify: (v: unknown) => typeof v === "boolean",
  default: true,
  tag: "tag:yaml.org,2002:bool",
  test: /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/,
  resolve: (s: string) => /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(s),
};

const OPTIONS = { intAsBigInt: true, uniqueKeys: true, prettyErrors: false, customTags: [YAML11_BOOL] };

function pairOf(node: unknown, segment: string | number): Pair | undefined {
  if (isMap(node)) return node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment)) as Pair | undefined;
  return undefined;
}

/**
 * The text span for a path: the value node; for a field that should not be there, its key; for a missing field,
 * the key of its parent (`spec:` for a missing `spec.host`); for anything else unresolvable, the nearest node.
 */
function spanOf(doc: Document, path: readonly (string | number)[], atKey: boolean): { start: number; end: number } {
  let node: unknown = doc.contents;
  let span = range(node as Node) ?? { start: 0, end: 0 };
  let parentKey: { start: number; end: number } | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      node = node.items[segment];
    } else {
      const pair = pairOf(node, segment);
      if (!pair) return (atKey ? parentKey : undefined) ?? span;
      const keySpan = range(pair.key as Node);
      if (atKey && i === path.length - 1) return keySpan ?? span;
      parentKey = keySpan ?? parentKey;
      node = pair.value;
      if (node === null) return keySpan ?? span;
    }
    span = range(node as Node) ?? span;
  }
  return span;
}

function range(node: Node | null | undefined): { start: number; end: number } | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

function describe(value: unknown, n: number): string {
  const obj = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!obj || typeof obj.kind !== "string") return `document ${n}`;
  const name = typeof obj.metadata?.name === "string" ? obj.metadata.name : "(no name)";
  const ns = typeof obj.metadata?.namespace === "string" ? `${obj.metadata.namespace}/` : "";
  return `${obj.kind} ${ns}${name}`;
}

/**
 * Every document of a YAML stream, validated; empty or null documents (a trailing `---`) are skipped, as kubectl
 * skips them. The fast reading decides; only a stream with a finding is read again with positions.
 */
export function validateIstioStream(text: string): DocumentFindings[] {
  const values = readStream(text);
  if (values && values.every((v) => v === null || v === undefined || validateUnstructured(v).length === 0)) return [];
  return locatedStream(text);
}

function locatedStream(text: string): DocumentFindings[] {
  const out: DocumentFindings[] = [];
  parseAllDocuments(text, OPTIONS as never).forEach((doc, i) => {
    const d = doc as Document;
    if (d.errors.length) {
      out.push({
        object: `document ${i + 1}`,
        findings: d.errors.map((e) => ({ item: { code: "MESH850", severity: "error", path: [], field: "<nil>", type: "Invalid value", message: `the document is not valid YAML: ${e.message.split("\n")[0]}` }, start: e.pos[0], end: e.pos[1] })),
      });
      return;
    }
    const value = d.contents === null ? null : d.toJS({ mapAsMap: false });
    if (value === null || value === undefined) return;
    const findings = validateUnstructured(value).map((f) => ({ item: f, ...spanOf(d, f.path, f.code === "MESH853" || f.type === "Required value") }));
    if (findings.length) out.push({ object: describe(value, i + 1), findings });
  });
  return out;
}
