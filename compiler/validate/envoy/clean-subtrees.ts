// Messages found clean once, remembered by their text, so an equal message in a later document is not walked
// again. At mesh scale most of what differs between two distinct documents is a few scalars: every cluster
// repeats its TLS context and outlier settings, every listener its filters for the same callees. Checking each
// distinct document and resource once (resource-items.ts) still walked all of that; this skips it (at N = 1 000,
// ~31 000 walks of the 9 500 distinct units' messages).
//
// Why a hit cannot change a finding. The walk of a message node (validateMessage) has no effect but the
// findings it adds and its result, and both depend only on the message type, the PGV switch, the keys an Any
// hands down and the node's tree (kinds, keys in order, typed values): paths and offsets are only written into
// findings. So a walk that added no finding adds none for an equal tree, and returns true (an object node).
// Trees are compared through their text: only trees of the plain block reader (../plain-block-reader.ts) are
// remembered or looked up, and that reader's node for a message is a function of the node's text (from its first
// key to the start of the line after it) and its column. Everything it reads to build the node lies in that
// text, except the line after it, read only to learn that the node ends there; another node with the same text
// ended at the same place, or its text would be longer. So an equal (text, column) is an equal tree.
//
// Only messages at least MIN_TEXT long are remembered (looking up a shorter one costs about what walking it
// does: one thread's Envoy checking at N = 300 took 475-493 ms with 256, 421-429 ms with 48 or 80, 565 ms with
// 1 024), and only for one validation run: the texts stay referenced by the memo until the run ends.

/** Shorter message texts are walked every time. */
export const MIN_TEXT = 64;

/** The memo of one validation run (one thread). */
export class CleanSubtrees {
  // By type name, then the keys an Any hands down, then column and PGV switch: looked up for every message
  // walked, so without making a key string each time.
  private readonly byContext = new Map<string, Map<string, Set<string>[]>>();
  /** How many walks the memo saved (for tests and the benchmark). */
  hits = 0;

  /** The clean texts of a (type, PGV switch, skipped keys, column) context; created on first use. */
  context(typeName: string, pgv: boolean, skipKeys: readonly string[] | undefined, column: number): Set<string> {
    const skipped = skipKeys === undefined ? "" : skipKeys.length === 1 ? skipKeys[0]! : skipKeys.join("\0");
    let bySkipped = this.byContext.get(typeName);
    if (!bySkipped) this.byContext.set(typeName, (bySkipped = new Map()));
    let byPlace = bySkipped.get(skipped);
    if (!byPlace) bySkipped.set(skipped, (byPlace = []));
    const at = column * 2 + (pgv ? 1 : 0);
    return (byPlace[at] ??= new Set());
  }
}

/** What a walk of one plain-block-read document needs to use the memo: the document's text. */
export interface SubtreeMemo {
  readonly memo: CleanSubtrees;
  readonly text: string;
}

/** Where a remembered message's text is, and under which context; undefined for texts too short to remember. */
export function subtreeKey(memo: SubtreeMemo, typeName: string, pgv: boolean, skipKeys: readonly string[] | undefined, start: number, end: number): { texts: Set<string>; text: string } | undefined {
  // A document's root (at 0) is distinct by construction: its caller checks each distinct text once.
  if (start === 0 || end - start < MIN_TEXT) return undefined;
  const column = start - (memo.text.lastIndexOf("\n", start - 1) + 1);
  return { texts: memo.memo.context(typeName, pgv, skipKeys, column), text: memo.text.slice(start, end) };
}
