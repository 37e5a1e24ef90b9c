// The generated Istio objects read back as data, per zone folder: what the cross-object checks look at. Each
// distinct file text is read once (most files repeat from zone to zone), by the plain block reader when it is
// meshc's plain layout (the values `doc.toJS()` gives: ../yaml-core-values.ts), else by the full parser.
import { parseAllDocuments } from "yaml";
import { readCoreDocument, streamDocuments } from "../yaml-core-values";

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

type Read = Omit<IstioDocument, "file">;

function documentOf(value: Record<string, any> | null, offset: number): Read[] {
  if (!value || typeof value !== "object") return [];
  const wave = Number(value.metadata?.annotations?.["meshc.io/apply-wave"]);
  return [{
    offset,
    kind: String(value.kind ?? ""),
    name: String(value.metadata?.name ?? ""),
    namespace: String(value.metadata?.namespace ?? ""),
    wave: Number.isFinite(wave) ? wave : undefined,
    spec: (value.spec ?? {}) as Record<string, any>,
  }];
}

/** The documents as the full parser reads them; the offset is the object's first key, past any `---` and comments. */
export function fullDocumentsOf(text: string): Read[] {
  return parseAllDocuments(text).flatMap((doc) => documentOf(doc.toJS() as Record<string, any> | null, doc.contents?.range?.[0] ?? doc.range[0]));
}

/** The documents by the plain block reader when the text is in its subset (a document starts at its first key), else by the full parser. */
export function documentsOf(text: string): Read[] {
  const docs = streamDocuments(text);
  const values = docs?.map((d) => readCoreDocument(d.text));
  if (!docs || !values || values.some((v) => v === undefined)) return fullDocumentsOf(text);
  return docs.flatMap((d, i) => documentOf(values[i] as Record<string, any> | null, d.start));
}

/** Parsed documents by file text; the watch path keeps one across rebuilds. */
export type ParsedTexts = Map<string, Read[]>;

/** Istio documents among a build's artifacts, grouped by zone folder (each zone's files are applied together). */
export function istioDocumentsByZone(artifacts: readonly { readonly path: string; readonly content: string }[], parsed: ParsedTexts = new Map(), read: (text: string) => Read[] = documentsOf): Map<string, IstioDocument[]> {
  const zones = new Map<string, IstioDocument[]>();
  for (const a of artifacts) {
    const zone = ISTIO_FILE.exec(a.path)?.[1];
    if (zone === undefined) continue;
    let docs = parsed.get(a.content);
    if (!docs) {
      docs = read(a.content);
      parsed.set(a.content, docs);
    }
    const list = zones.get(zone) ?? [];
    for (const d of docs) list.push({ ...d, file: a.path });
    zones.set(zone, list);
  }
  return zones;
}
