// Validating a build's Envoy documents without validating the same text twice. At mesh scale most of the text
// repeats: the cluster for `orders v1` in zone a is the same in every caller's cds.yaml in zone a, a service's
// listeners are the same for its versions, and many whole documents are identical. The findings for a text
// depend on nothing but the text (and its kind), so each distinct text is checked once and its findings are
// given to every file that holds it, at the right offsets.
//
// An xDS file is split into its `resources` items only when its text has the plain block layout
//
//   resources:
//     - "@type": …        ← an item starts at each line beginning "  - "
//       …                 ← and owns every following line indented by 4 or more (or empty)
//
// Each item is then checked as the document `resources:\n<item text>`: the same characters, so the same YAML
// node (items of a block sequence are independent nodes: no key, rule or anchor spans two of them unless an
// alias refers across, and then the one-item document fails to parse and the whole file is checked as it is).
// A finding that is not inside the item (a rule on `resources` itself, a parse error) also sends the whole file
// down the ordinary path, so the split can only ever save work, never change a finding.
import type { EnvoyDocumentKind } from "./documents";
import type { Issue } from "./issue";

const HEAD = "resources:\n";
const ITEM = "  - ";

export interface ResourceItem {
  /** Offset of the item's first character in the document. */
  readonly start: number;
  /** The item's lines, from its "  - " to its last newline. */
  readonly text: string;
}

/** The items of an xDS file with the plain block layout above, or null when it has another shape. */
export function resourceItems(text: string): ResourceItem[] | null {
  if (!text.startsWith(HEAD) || !text.endsWith("\n")) return null;
  const items: ResourceItem[] = [];
  let itemStart = -1;
  for (let line = HEAD.length; line < text.length; ) {
    const next = text.indexOf("\n", line) + 1;
    if (text.startsWith(ITEM, line)) {
      if (itemStart >= 0) items.push({ start: itemStart, text: text.slice(itemStart, line) });
      itemStart = line;
    } else if (!(itemStart >= 0 && (next === line + 1 || text.startsWith("    ", line)))) {
      return null; // another key, a comment, a flow sequence …: not the plain layout
    }
    line = next;
  }
  if (itemStart < 0) return null;
  items.push({ start: itemStart, text: text.slice(itemStart) });
  return items;
}

/** The one-item document an item is checked as, and how its findings map back. */
export function itemDocument(item: ResourceItem): string {
  return HEAD + item.text;
}

/** An xDS file's resources (resourceItems) and the one-item document each is checked as. */
export interface SplitFile {
  readonly items: readonly ResourceItem[];
  readonly documents: readonly string[];
}

/**
 * One validation run's splits, by file text: the units are collected from the files and then the files are
 * walked again, and most files repeat (versions and zones share them). Cutting and joining each file once, and
 * handing out the same document strings every time, was ~0.2 s of each pass at N = 1 000: new strings of the
 * same text are hashed again by every map that looks them up.
 */
export class ResourceSplits {
  private readonly byText = new Map<string, SplitFile | null>();

  /**
   * `keep` false: nothing is remembered, and each document is a string of its own, not a slice of one string per
   * file: for a thread that sees each file once and must not keep it (both-cores.ts's helper, whose memo of clean
   * messages holds slices of the documents it checked).
   */
  constructor(private readonly keep = true) {}

  of(text: string): SplitFile | null {
    if (!this.keep) {
      const items = resourceItems(text);
      return items && { items, documents: items.map(itemDocument) };
    }
    let split = this.byText.get(text);
    if (split === undefined) {
      const items = resourceItems(text);
      split = items && { items, documents: documentsOf(items) };
      this.byText.set(text, split);
    }
    return split;
  }
}

/**
 * The items' one-item documents, as slices of one flat string. Each document is a map key of the validation
 * (several times over), whose hash V8 keeps on the string: made as "resources:\n" + item, a rope, it is flattened
 * when first hashed and the garbage collector then replaces the rope by its flat string, losing the hash, so the
 * walk after the threads hashed all 50 000 of them again (~130 ms at N = 1 000). A slice keeps its hash. (A file
 * of one item keeps its rope: a join of one string is that string. Only the time differs.)
 */
function documentsOf(items: readonly ResourceItem[]): string[] {
  const joined = items.map(itemDocument).join("");
  const documents: string[] = [];
  let at = 0;
  for (const item of items) {
    const end = at + HEAD.length + item.text.length;
    documents.push(joined.slice(at, end));
    at = end;
  }
  return documents;
}

const FIRST_ITEM = "resources[0]";

/**
 * Moves an item's findings (from its one-item document) to the item's place in the whole file: offsets shift,
 * `resources[0]` becomes `resources[i]`. Null when a finding lies outside the item.
 */
export function placeItemIssues(issues: readonly Issue[], item: ResourceItem, index: number): Issue[] | null {
  const shift = item.start - HEAD.length;
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.at.start < HEAD.length || !(issue.path === FIRST_ITEM || issue.path.startsWith(`${FIRST_ITEM}.`) || issue.path.startsWith(`${FIRST_ITEM}[`))) return null;
    out.push({ ...issue, path: `resources[${index}]${issue.path.slice(FIRST_ITEM.length)}`, at: { start: issue.at.start + shift, end: issue.at.end + shift } });
  }
  return out;
}

/**
 * What findings are remembered by: they depend on the document's kind and text and nothing else. A map per kind,
 * keyed by the text itself: a key string joining kind and text copied every document (~0.5 GB at N = 1 000).
 */
export class ByKindAndText<V> {
  private readonly byKind = new Map<EnvoyDocumentKind, Map<string, V>>();

  private texts(kind: EnvoyDocumentKind): Map<string, V> {
    let texts = this.byKind.get(kind);
    if (!texts) this.byKind.set(kind, (texts = new Map()));
    return texts;
  }

  get(kind: EnvoyDocumentKind, text: string): V | undefined {
    return this.byKind.get(kind)?.get(text);
  }

  has(kind: EnvoyDocumentKind, text: string): boolean {
    return this.byKind.get(kind)?.has(text) ?? false;
  }

  set(kind: EnvoyDocumentKind, text: string, value: V): void {
    this.texts(kind).set(text, value);
  }

  get size(): number {
    let n = 0;
    for (const texts of this.byKind.values()) n += texts.size;
    return n;
  }
}

/**
 * Memoizes a (kind, text) → findings function for the life of one validation run. A finding keeps only the
 * offsets of where it is (`at`), not the parsed node, so the cache does not hold documents' trees.
 */
export function memoized(check: (kind: EnvoyDocumentKind, text: string) => Issue[]): (kind: EnvoyDocumentKind, text: string) => Issue[] {
  const seen = new ByKindAndText<Issue[]>();
  return (kind, text) => {
    let issues = seen.get(kind, text);
    if (!issues) {
      issues = check(kind, text).map((i) => ({ ...i, at: { start: i.at.start, end: i.at.end } }));
      seen.set(kind, text, issues);
    }
    return issues;
  };
}
