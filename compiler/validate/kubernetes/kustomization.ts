// A zone's kustomization.yaml checked as kustomize will read it (issue 19): it names every object file of the
// zone and only files inside the root that the build writes, no ConfigMap is generated twice, and each ConfigMap
// it generates (built in memory by config-map-generator.ts from the entry and the artifacts, no YAML text for
// it) passes the same schema, API-server and size rules as every written object (object-findings.ts). Findings
// point at the kustomization: the generator entry's field that makes the offending part of the ConfigMap.
import { parseDocument } from "yaml";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { type GeneratedConfigMap, readKustomization } from "./config-map-generator";
import { offsetOf } from "./document-offsets";
import { cleanByEntries } from "./clean-entries";
import { knownClean, rememberClean } from "./clean-objects";
import { readKustomizationText } from "./kustomization-text";
import { type Locate, NOWHERE, objectFindings } from "./object-findings";

export { KUSTOMIZATION_API_VERSION, readKustomization } from "./config-map-generator";


/** Where in its generator entry the part of a generated ConfigMap at `pointer` comes from. */
function entryField(g: GeneratedConfigMap, pointer: string): string {
  const [top, field, ...rest] = pointer.split("/").slice(1);
  const tail = rest.length ? `/${rest.join("/")}` : "";
  if (top === "metadata" && (field === "name" || field === "namespace")) return `/${field}`;
  if (top === "metadata" && (field === "labels" || field === "annotations")) return `/options/${field}${tail}`;
  if (top === "data" || top === "binaryData") {
    const key = field?.replace(/~1/g, "/").replace(/~0/g, "~");
    const index = key === undefined ? undefined : g.keys.get(key);
    return index === undefined ? "/files" : `/files/${index}`;
  }
  if (top === "immutable") return "/options/immutable";
  return "";
}

async function findings(file: string, value: unknown, objectFiles: readonly string[], read: (path: string) => string | undefined, locate: Locate): Promise<Diagnostic[]> {
  const { resources, configMaps, problems } = readKustomization(value, read);
  const out: Diagnostic[] = problems.map((p) => ({ code: "MESH826", severity: "error", message: `${file}: ${p.message}`, span: { file, ...locate(p.pointer) } }));
  const listed = new Set(resources);
  for (const name of objectFiles) {
    if (!listed.has(name)) out.push({ code: "MESH826", severity: "error", message: `${file}: the zone's object file ${name} is not among its resources: kubectl apply -k would leave it out`, span: { file, ...locate("/resources") } });
  }
  for (const g of configMaps) {
    if (knownClean(g.object)) continue;
    const found = await objectFindings((pointer) => locate(g.entry + entryField(g, pointer)), file, g.object);
    if (found.length) out.push(...found);
    else rememberClean(g.object);
  }
  return out;
}

/**
 * The findings for one zone's kustomization. `files` holds the build's artifacts by path; `objectFiles` the
 * names of the zone's object files (the YAML streams directly in its folder, the kustomization aside).
 */
export async function validateKustomization(file: string, text: string, files: ReadonlyMap<string, string>, objectFiles: readonly string[]): Promise<Diagnostic[]> {
  const root = file.slice(0, file.lastIndexOf("/") + 1);
  const read = (path: string) => files.get(root + path);
  // The plain block reader first (meshc's own writer stays in its subset), entry by entry; the full parser only for offsets.
  const fast = readKustomizationText(text);
  if (fast !== undefined && ((await cleanByEntries(file, fast, objectFiles, read)) || !(await findings(file, fast, objectFiles, read, NOWHERE)).length)) return [];
  const doc = parseDocument(text);
  if (doc.errors.length) return doc.errors.map((e) => ({ code: "MESH820", severity: "error", message: `${file}: ${e.message.split("\n")[0]}`, span: { file, start: e.pos[0], length: e.pos[1] - e.pos[0] } }));
  return findings(file, doc.toJS() as unknown, objectFiles, read, (pointer) => offsetOf(doc, pointer));
}
