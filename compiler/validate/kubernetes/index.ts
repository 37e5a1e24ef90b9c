// Every generated Kubernetes object checked before anything is written, as the API server would check it: the
// OpenAPI schema of the pinned Kubernetes release (schemas.ts), the API server's own name, label and annotation
// rules (api-rules.ts), and meshc's size budgets. A finding is a meshc bug, never the author's: the objects
// are meshc's responsibility (MESH82x, MESH83x), and nothing is written.
import { type Document, isNode, parseAllDocuments } from "yaml";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type CleanCache, NO_CACHE } from "../clean-cache";
import { readCoreDocument, streamDocuments } from "../yaml-core-values";
import { apiRules } from "./api-rules";
import { KUBERNETES_RELEASE, type SchemaError, schemaFor } from "./schemas";

export { KUBERNETES_RELEASE } from "./schemas";

/**
 * The API server refuses a ConfigMap whose data exceeds 1 MiB, and etcd a request over 1.5 MiB. meshc stops at
 * three quarters of that: a service's config grows with its callees, and a policy one call away from the limit
 * should be told while there is room. Over it, the build fails (MESH830): meshc does not split a config.
 */
export const CONFIG_MAP_BUDGET = 768 * 1024;
/** Any object, measured as JSON (what the API server stores): two thirds of etcd's 1.5 MiB request limit. */
export const OBJECT_BUDGET = 1024 * 1024;

type Json = Record<string, unknown>;

function decode(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
}

/** The text offset of the deepest node along a JSON pointer. */
function offsetOf(doc: Document, pointer: string): { start: number; length: number } {
  const parts = decode(pointer);
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    if (isNode(node) && node.range) return { start: node.range[0], length: Math.max(0, node.range[1] - node.range[0]) };
  }
  return { start: 0, length: 0 };
}

function schemaMessage(e: SchemaError): string {
  if (e.keyword === "type") return `must be of type ${String(e.params.type)}`;
  if (e.keyword === "required") return `is missing the required field '${String(e.params.missingProperty)}'`;
  if (e.keyword === "enum") return `must be one of ${JSON.stringify(e.params.allowedValues)}`;
  if (e.keyword === "format") return `must be a ${String(e.params.format)}`;
  return e.message ?? `breaks the schema's '${e.keyword}' rule`;
}

/** The findings of one schema run, without the echoes of a failed oneOf (int-or-string) branch. */
function schemaFindings(errors: readonly SchemaError[]): SchemaError[] {
  const oneOf = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (oneOf.has(e.instancePath) && e.keyword !== "oneOf") return false;
    const key = `${e.instancePath} ${e.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

type Locate = (pointer: string) => { start: number; length: number };

/** `prefix`: where the object sits in its document (a List's item). */
async function objectFindings(locate: Locate, file: string, object: Json, prefix = ""): Promise<Diagnostic[]> {
  const at = (code: string, pointer: string, message: string): Diagnostic => ({ code, severity: "error", message: `${file}: ${message}`, span: { file, ...locate(prefix + pointer) } });
  const apiVersion = String(object.apiVersion ?? "");
  const kind = String(object.kind ?? "");
  const name = String((object.metadata as Json | undefined)?.name ?? "");
  const what = `${kind} ${name}`;
  const validate = schemaFor(apiVersion, kind);
  if (!validate) return [at("MESH825", "/kind", `${apiVersion} ${kind} has no schema in meshc's pinned Kubernetes ${KUBERNETES_RELEASE} set`)];
  const out: Diagnostic[] = [];
  const check = await validate;
  if (!check(object)) {
    for (const e of schemaFindings(check.errors ?? [])) out.push(at("MESH821", e.instancePath, `${what}: ${e.instancePath || "/"} ${schemaMessage(e)} [Kubernetes ${KUBERNETES_RELEASE} OpenAPI]`));
  }
  for (const f of apiRules(object, kind)) out.push(at(f.code, f.path, `${what}: ${f.message}`));
  if (kind === "ConfigMap") {
    const data = { ...(object.data as Json | undefined), ...(object.binaryData as Json | undefined) };
    const size = Object.entries(data).reduce((n, [k, v]) => n + k.length + utf8Length(String(v)), 0);
    if (size > CONFIG_MAP_BUDGET) out.push(at("MESH830", "/data", `${what} holds ${size} bytes, above meshc's budget of ${CONFIG_MAP_BUDGET} (the API server's limit is 1 MiB)`));
  }
  const stored = utf8Length(JSON.stringify(object));
  if (stored > OBJECT_BUDGET) out.push(at("MESH831", "", `${what} is ${stored} bytes as JSON, above meshc's budget of ${OBJECT_BUDGET}`));
  return out;
}

/** The findings of a document's value, as the full path gives them, offsets aside. */
async function valueFindings(value: unknown, locate: Locate, file: string): Promise<Diagnostic[]> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [{ code: "MESH820", severity: "error", message: `${file}: a document is not a Kubernetes object`, span: { file, ...locate("") } }];
  const json = value as Json;
  // kubectl's List: each item is checked as an object of its own (locations point at the item).
  if (json.kind === "List" && Array.isArray(json.items)) {
    const out: Diagnostic[] = [];
    for (const [i, item] of json.items.entries()) out.push(...(await objectFindings(locate, file, item as Json, `/items/${i}`)));
    return out;
  }
  return objectFindings(locate, file, json);
}

const NOWHERE: Locate = () => ({ start: 0, length: 0 });

/**
 * Whether every document of the stream is clean, learnt without the full parser: the plain block reader gives
 * the values `doc.toJS()` gives (yaml-core-values.ts), and the findings depend on the values alone (offsets
 * aside). False when a document has a finding or is outside the plain subset; the full path then decides.
 * `clean` holds the texts of documents already found clean in this run (many repeat from zone to zone), `cache`
 * those found clean by earlier builds.
 */
async function cleanStream(text: string, clean: Set<string>, cache: CleanCache): Promise<boolean> {
  const documents = streamDocuments(text);
  if (!documents) return false;
  for (const doc of documents) {
    if (clean.has(doc.text)) continue;
    if (!cache.has("kubernetes", doc.text)) {
      const value = readCoreDocument(doc.text);
      if (value === undefined || (await valueFindings(value, NOWHERE, "")).length) return false;
      cache.add("kubernetes", doc.text);
    }
    clean.add(doc.text);
  }
  return true;
}

/**
 * The findings for one YAML stream of Kubernetes objects (a generated file, or `meshc inject`'s output). A stream
 * the fast reading finds clean has no finding; any other is read by the full parser, whose findings and offsets
 * are the result (`fullKubernetesFindings`).
 */
export async function validateKubernetes(file: string, text: string, clean: Set<string> = new Set(), cache: CleanCache = NO_CACHE): Promise<Diagnostic[]> {
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

/** Validates every artifact under kubernetes/ (for `meshc build`); `cache`: documents found clean by earlier builds. */
export async function validateKubernetesArtifacts(artifacts: readonly { readonly path: string; readonly content: string }[], cache: CleanCache = NO_CACHE): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const clean = new Set<string>();
  for (const a of artifacts) if (a.path.startsWith("kubernetes/") && a.path.endsWith(".yaml")) out.push(...(await validateKubernetes(a.path, a.content, clean, cache)));
  return out;
}
