// Every generated Kubernetes object checked before anything is written, as the API server would check it: the
// OpenAPI schema of the pinned Kubernetes release (schemas.ts), the API server's own name, label and annotation
// rules (api-rules.ts), and meshc's size budgets. A finding is a meshc bug, never the author's: the objects
// are meshc's responsibility (MESH82x, MESH83x), and nothing is written.
import { parseAllDocuments } from "yaml";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type CleanCache, NO_CACHE } from "../clean-cache";
import { readCoreDocument, streamDocuments } from "../yaml-core-values";
import { offsetOf } from "./document-offsets";
import { validateKustomization } from "./kustomization";
import { type Locate, NOWHERE, objectFindings, objectFindingsNow } from "./object-findings";

export { KUBERNETES_RELEASE, loadAllSchemas } from "./schemas";
export { CONFIG_MAP_BUDGET, OBJECT_BUDGET } from "./object-findings";
export { validateKustomization } from "./kustomization";

type Json = Record<string, unknown>;

/** The objects a document's value is checked as: a kubectl List's items, each where it sits; null when it is no object. */
function objectsOf(value: unknown): { readonly object: Json; readonly prefix: string }[] | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const json = value as Json;
  // kubectl's List: each item is checked as an object of its own (locations point at the item).
  if (json.kind === "List" && Array.isArray(json.items)) return json.items.map((item, i) => ({ object: item as Json, prefix: `/items/${i}` }));
  return [{ object: json, prefix: "" }];
}

function notAnObject(locate: Locate, file: string): Diagnostic[] {
  return [{ code: "MESH820", severity: "error", message: `${file}: a document is not a Kubernetes object`, span: { file, ...locate("") } }];
}

/** The findings of a document's value, as the full path gives them, offsets aside. */
async function valueFindings(value: unknown, locate: Locate, file: string): Promise<Diagnostic[]> {
  const objects = objectsOf(value);
  if (!objects) return notAnObject(locate, file);
  const out: Diagnostic[] = [];
  for (const { object, prefix } of objects) out.push(...(await objectFindings(locate, file, object, prefix)));
  return out;
}

/**
 * valueFindings for a caller that cannot wait: undefined while a schema it needs is not loaded (objectFindingsNow).
 * `smallJson`: every object of the value is known to be within OBJECT_BUDGET as JSON.
 */
export function valueFindingsNow(value: unknown, locate: Locate, file: string, smallJson = false): Diagnostic[] | undefined {
  const objects = objectsOf(value);
  if (!objects) return notAnObject(locate, file);
  const out: Diagnostic[] = [];
  for (const { object, prefix } of objects) {
    const found = objectFindingsNow(locate, file, object, prefix, smallJson);
    if (!found) return undefined;
    out.push(...found);
  }
  return out;
}


/** Texts found clean in one run: a Set, or nothing at all for a thread that must not keep what it is sent. */
export type CleanTexts = Pick<Set<string>, "has" | "add">;

/**
 * Whether every document of the stream is clean, learnt without the full parser: the plain block reader gives
 * the values `doc.toJS()` gives (yaml-core-values.ts), and the findings depend on the values alone (offsets
 * aside). False when a document has a finding or is outside the plain subset; the full path then decides. A
 * function of the text alone, so any thread may answer it (compiler/validate/both-cores.ts). `clean` holds the
 * texts of streams and documents (a one-document stream) already found clean in this run (many documents repeat
 * from zone to zone), `cache` the documents found clean by earlier builds.
 */
export async function cleanStream(text: string, clean: CleanTexts, cache: CleanCache): Promise<boolean> {
  if (clean.has(text)) return true;
  const documents = streamDocuments(text);
  if (!documents) return false;
  for (const doc of documents) {
    if (clean.has(doc.text)) continue;
    if (!cache.has("kubernetes", doc.text)) {
      if (!(await documentIsClean(doc.text))) return false;
      cache.add("kubernetes", doc.text);
    }
    clean.add(doc.text);
  }
  return true;
}

/**
 * Whether one document of a plain stream (`streamDocuments`) has no finding, read without the full parser: a
 * function of its text alone, so any thread may answer it (compiler/validate/both-cores.ts).
 */
export async function documentIsClean(text: string): Promise<boolean> {
  const value = readCoreDocument(text);
  return value !== undefined && (await valueFindings(value, NOWHERE, "")).length === 0;
}

/**
 * The findings for one YAML stream of Kubernetes objects (a generated file, or `meshc inject`'s output). A stream
 * the fast reading finds clean has no finding; any other is read by the full parser, whose findings and offsets
 * are the result (`fullKubernetesFindings`).
 */
export async function validateKubernetes(file: string, text: string, clean: CleanTexts = new Set(), cache: CleanCache = NO_CACHE): Promise<Diagnostic[]> {
  if (await cleanStream(text, clean, cache)) return [];
  return fullKubernetesFindings(file, text);
}

/** The findings for one YAML stream through the full parser only (the reference `validateKubernetes` must equal). */
export async function fullKubernetesFindings(file: string, text: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      for (const e of doc.errors) out.push({ code: "MESH820", severity: "error", message: `${file}: ${e.message.split("\n")[0]}`, span: { file, start: e.pos[0], length: e.pos[1] - e.pos[0] } });
      continue;
    }
    out.push(...(await valueFindings(doc.toJS() as unknown, (pointer) => offsetOf(doc, pointer), file)));
  }
  return out;
}

/** The kustomization that makes a zone's folder a kustomize root (targets/sidecar-layout.ts). */
export const KUSTOMIZATION = "kustomization.yaml";

/** `kubernetes/<zone>/<name>.yaml`: a zone's own files; deeper ones are the files its ConfigMaps are generated from. */
export function zoneFile(path: string): { root: string; name: string } | undefined {
  const parts = path.split("/");
  return parts.length === 3 && parts[0] === "kubernetes" && parts[2]!.endsWith(".yaml") ? { root: `${parts[0]}/${parts[1]}`, name: parts[2]! } : undefined;
}

/**
 * Validates every artifact under kubernetes/ (for `meshc build`): each zone's object files, and its kustomization
 * with the ConfigMaps it generates from the other artifacts. `cache`: documents found clean by earlier builds;
 * `clean`: object files and documents already found clean in this build (by `cleanStream`, on any thread).
 */
export async function validateKubernetesArtifacts(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache = NO_CACHE, clean: CleanTexts = new Set<string>()): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const objectFiles = new Map<string, string[]>();
  const kustomizations: { path: string; content: string }[] = [];
  for (const a of artifacts) {
    const own = zoneFile(a.path);
    if (!own) continue;
    if (own.name === KUSTOMIZATION) {
      kustomizations.push(a);
      continue;
    }
    const listed = objectFiles.get(own.root);
    if (listed) listed.push(own.name);
    else objectFiles.set(own.root, [own.name]);
    out.push(...(await validateKubernetes(a.path, a.content, clean, cache)));
  }
  if (kustomizations.length) {
    const files = new Map(artifacts.map((a) => [a.path, a.content]));
    for (const k of kustomizations) out.push(...(await validateKustomization(k.path, k.content, files, objectFiles.get(zoneFile(k.path)!.root) ?? [])));
  }
  return out;
}
