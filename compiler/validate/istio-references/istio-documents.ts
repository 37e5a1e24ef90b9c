// The generated Istio objects read back as data, per zone folder: what the cross-object checks look at. Each
// distinct file text is parsed once (most files repeat from zone to zone).
import { parseAllDocuments } from "yaml";

export interface IstioDocument {
  /** The artifact path, e.g. istio/zone-a/orders.yaml. */
  readonly file: string;
  /** Offset of the document in the file, for the diagnostic's span. */
  readonly offset: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly wave: number | undefined;
  // Parsed YAML: the checks read the few fields they need defensively.
  readonly spec: Record<string, any>;
}

const ISTIO_FILE = /^istio\/([^/]+)\/[^/]+\.yaml$/;

function documentsOf(file: string, text: string): IstioDocument[] {
  return parseAllDocuments(text).flatMap((doc) => {
    const value = doc.toJS() as Record<string, any> | null;
    if (!value || typeof value !== "object") return [];
    const wave = Number(value.metadata?.annotations?.["meshc.io/apply-wave"]);
    return [{
      file,
      // The object's first key, past any `---` and comments before it.
      offset: doc.contents?.range?.[0] ?? doc.range[0],
      kind: String(value.kind ?? ""),
      name: String(value.metadata?.name ?? ""),
      namespace: String(value.metadata?.namespace ?? ""),
      wave: Number.isFinite(wave) ? wave : undefined,
      spec: (value.spec ?? {}) as Record<string, any>,
    }];
  });
}

/** Parsed documents by file text; the watch path keeps one across rebuilds. */
export type ParsedTexts = Map<string, Omit<IstioDocument, "file">[]>;

/** Istio documents among a build's artifacts, grouped by zone folder (each zone's files are applied together). */
export function istioDocumentsByZone(artifacts: readonly { readonly path: string; readonly content: string }[], parsed: ParsedTexts = new Map()): Map<string, IstioDocument[]> {
  const zones = new Map<string, IstioDocument[]>();
  for (const a of artifacts) {
    const zone = ISTIO_FILE.exec(a.path)?.[1];
    if (zone === undefined) continue;
    let docs = parsed.get(a.content);
    if (!docs) {
      docs = documentsOf("", a.content);
      parsed.set(a.content, docs);
    }
    const list = zones.get(zone) ?? [];
    for (const d of docs) list.push({ ...d, file: a.path });
    zones.set(zone, list);
  }
  return zones;
}
