// The findings for one Kubernetes object, whatever text it came from: the pinned release's OpenAPI schema, the
// API server's own rules (api-rules.ts), and meshc's size budgets. `locate` turns a JSON pointer into the
// object into a span of the file the findings point at: the object's own document, or, for a ConfigMap
// kustomize generates, its entry in the kustomization (kustomization.ts).
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { apiRules } from "./api-rules";
import { KUBERNETES_RELEASE, type SchemaError, schemaFor, schemaNow, type Validate } from "./schemas";

/**
 * The API server refuses a ConfigMap whose data exceeds 1 MiB, and etcd a request over 1.5 MiB. meshc stops at
 * three quarters of that: a service's config grows with its callees, and a policy one call away from the limit
 * should be told while there is room. Over it, the build fails (MESH830): meshc does not split a config.
 */
export const CONFIG_MAP_BUDGET = 768 * 1024;
/** Any object, measured as JSON (what the API server stores): two thirds of etcd's 1.5 MiB request limit. */
export const OBJECT_BUDGET = 1024 * 1024;

type Json = Record<string, unknown>;

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

/**
 * Whether a ConfigMap's JSON is surely within OBJECT_BUDGET without writing it: JSON writes a UTF-16 code unit as
 * at most 6 bytes (`\uXXXX`; any other character is fewer bytes per unit), so the data maps' JSON is at most 6
 * bytes per code unit of their keys and values plus 6 per entry (quotes, colon, comma) and 32 for the fields'
 * names, colons and braces; the rest of the object is measured exactly. At mesh scale the generated ConfigMaps hold
 * hundreds of MB, and almost all are far below the bound; the others are measured exactly.
 */
function withinObjectBudget(object: Json): boolean {
  if (object.kind !== "ConfigMap") return false;
  let bound = utf8Length(JSON.stringify({ ...object, data: undefined, binaryData: undefined })) + 32;
  for (const field of ["data", "binaryData"]) {
    const map = object[field];
    if (map === undefined) continue;
    if (typeof map !== "object" || map === null || Array.isArray(map)) return false;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string") return false;
      bound += 6 * (k.length + v.length) + 6;
    }
  }
  return bound <= OBJECT_BUDGET;
}

export type Locate = (pointer: string) => { start: number; length: number };

/** For findings whose place does not matter: only whether there are any (the fast paths' verdicts). */
export const NOWHERE: Locate = () => ({ start: 0, length: 0 });

/** `prefix`: where the object sits in its document (a List's item). */
export async function objectFindings(locate: Locate, file: string, object: Json, prefix = ""): Promise<Diagnostic[]> {
  const validate = schemaFor(String(object.apiVersion ?? ""), String(object.kind ?? ""));
  return findingsWith(validate ? await validate : null, locate, file, object, prefix);
}

/**
 * objectFindings, for a caller that cannot wait: undefined while the object's schema is not loaded yet
 * (schemas.ts, loadAllSchemas). `smallJson`: the caller knows the object's JSON is within OBJECT_BUDGET
 * (jsonBytesAtMost), so it is not written to be measured.
 */
export function objectFindingsNow(locate: Locate, file: string, object: Json, prefix = "", smallJson = false): Diagnostic[] | undefined {
  const validate = schemaNow(String(object.apiVersion ?? ""), String(object.kind ?? ""));
  return validate === undefined ? undefined : findingsWith(validate, locate, file, object, prefix, smallJson);
}

/**
 * At most how many bytes the UTF-8 JSON of a value has whose stable-yaml text is `yamlLength` UTF-16 units long:
 * JSON writes no scalar, key or collection in more than three times the units YAML does (quotes, a comma and
 * braces against at least a separator and a newline each; \uXXXX against \xXX; \n and \t against one unit in a
 * literal block or a plain scalar), and UTF-8 takes at most three bytes a unit (test/validate/kubernetes-written-
 * documents.test.ts checks the bound on arbitrary data). At N = 1 000 writing the 24 000 objects' JSON to measure
 * them was ~0.1 s.
 */
export function jsonBytesAtMost(yamlLength: number): number {
  return 9 * yamlLength + 6;
}

/** The findings, given the object's schema validator (null: meshc has none for its kind). */
function findingsWith(check: Validate | null, locate: Locate, file: string, object: Json, prefix: string, smallJson = false): Diagnostic[] {
  const at = (code: string, pointer: string, message: string): Diagnostic => ({ code, severity: "error", message: `${file}: ${message}`, span: { file, ...locate(prefix + pointer) } });
  const apiVersion = String(object.apiVersion ?? "");
  const kind = String(object.kind ?? "");
  const name = String((object.metadata as Json | undefined)?.name ?? "");
  const what = `${kind} ${name}`;
  if (!check) return [at("MESH825", "/kind", `${apiVersion} ${kind} has no schema in meshc's pinned Kubernetes ${KUBERNETES_RELEASE} set`)];
  const out: Diagnostic[] = [];
  if (!check(object)) {
    for (const e of schemaFindings(check.errors ?? [])) out.push(at("MESH821", e.instancePath, `${what}: ${e.instancePath || "/"} ${schemaMessage(e)} [Kubernetes ${KUBERNETES_RELEASE} OpenAPI]`));
  }
  for (const f of apiRules(object, kind)) out.push(at(f.code, f.path, `${what}: ${f.message}`));
  if (kind === "ConfigMap") {
    const data = { ...(object.data as Json | undefined), ...(object.binaryData as Json | undefined) };
    const size = Object.entries(data).reduce((n, [k, v]) => n + k.length + utf8Length(String(v)), 0);
    if (size > CONFIG_MAP_BUDGET) out.push(at("MESH830", "/data", `${what} holds ${size} bytes, above meshc's budget of ${CONFIG_MAP_BUDGET} (the API server's limit is 1 MiB)`));
  }
  const stored = smallJson || withinObjectBudget(object) ? 0 : utf8Length(JSON.stringify(object));
  if (stored > OBJECT_BUDGET) out.push(at("MESH831", "", `${what} is ${stored} bytes as JSON, above meshc's budget of ${OBJECT_BUDGET}`));
  return out;
}
