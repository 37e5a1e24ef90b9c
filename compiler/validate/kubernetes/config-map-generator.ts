// What kustomize makes of a zone's kustomization.yaml (issue 19): its resource files, and the ConfigMap each
// configMapGenerator entry generates, built in memory from the entry and the files it names, as kustomize
// v5 builds it (api/internal/generators/configmap.go): name and namespace from the entry, data from `files`
// (`key=path`, or the path's base name as key), labels, annotations and immutable from its options, and with
// `disableNameSuffixHash: true` no suffix. One reading for the validator (kustomization.ts) and the Pulumi
// program (infra/output-objects.ts), so both see the objects `kubectl apply -k` applies.
//
// Only the subset meshc writes is accepted: a field meshc never writes (namePrefix, patches, literals, a
// generator's behavior …) would make kustomize change or add objects this reading does not model, so it is a
// problem, not something to ignore.

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const TOP_FIELDS = new Set(["apiVersion", "kind", "resources", "configMapGenerator"]);
const ENTRY_FIELDS = new Set(["name", "namespace", "files", "options"]);
const OPTION_FIELDS = new Set(["disableNameSuffixHash", "immutable", "labels", "annotations"]);
export const KUSTOMIZATION_API_VERSION = "kustomize.config.k8s.io/v1beta1";

/** Something kustomize would refuse, or that would make it render other objects than meshc validated. */
export interface KustomizationProblem {
  /** JSON pointer into the kustomization. */
  readonly pointer: string;
  readonly message: string;
}

export interface GeneratedConfigMap {
  readonly object: Json;
  /** JSON pointer of its entry in the kustomization. */
  readonly entry: string;
  /** The index in `files` of each data key. */
  readonly keys: ReadonlyMap<string, number>;
}

export interface ReadKustomization {
  /** Root-relative paths of the object files, in the kustomization's order. */
  readonly resources: readonly string[];
  readonly configMaps: readonly GeneratedConfigMap[];
  readonly problems: readonly KustomizationProblem[];
}

/** A path inside the root, in kustomize's sense: relative, no `..`, `.` or empty segment (the load restrictor). */
export function insideRoot(path: string): boolean {
  return path.length > 0 && !path.startsWith("/") && !path.includes("\\") && path.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

function unknownFields(value: Json, allowed: ReadonlySet<string>, at: string, out: KustomizationProblem[]): void {
  for (const key of Object.keys(value)) if (!allowed.has(key)) out.push({ pointer: `${at}/${key}`, message: `'${key}' is not a field meshc writes: kustomize would render objects meshc has not validated` });
}

function stringMap(value: unknown, at: string, what: string, out: KustomizationProblem[]): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) {
    out.push({ pointer: at, message: `${what} must map strings to strings` });
    return {};
  }
  return value as Record<string, string>;
}

/**
 * Reads a kustomization's value. `file(path)` gives the content of a root-relative path, or undefined when the
 * build writes no such file.
 */
export function readKustomization(value: unknown, file: (path: string) => string | undefined): ReadKustomization {
  const problems: KustomizationProblem[] = [];
  if (!isObject(value)) return { resources: [], configMaps: [], problems: [{ pointer: "", message: "a kustomization must be a mapping" }] };
  if (value.apiVersion !== KUSTOMIZATION_API_VERSION) problems.push({ pointer: "/apiVersion", message: `apiVersion must be ${KUSTOMIZATION_API_VERSION}` });
  if (value.kind !== "Kustomization") problems.push({ pointer: "/kind", message: "kind must be Kustomization" });
  unknownFields(value, TOP_FIELDS, "", problems);
  const resources: string[] = [];
  const listed = new Set<string>();
  (Array.isArray(value.resources) ? value.resources : []).forEach((r: unknown, i) => {
    const at = `/resources/${i}`;
    if (typeof r !== "string" || !insideRoot(r)) problems.push({ pointer: at, message: `resource ${JSON.stringify(r)} must be a path inside the zone's folder` });
    else if (listed.has(r)) problems.push({ pointer: at, message: `resource ${r} is listed twice` });
    else if (file(r) === undefined) problems.push({ pointer: at, message: `resource ${r} is not a file the build writes` });
    else resources.push(r);
    if (typeof r === "string") listed.add(r);
  });
  if (value.resources !== undefined && !Array.isArray(value.resources)) problems.push({ pointer: "/resources", message: "resources must be a list of paths" });
  if (value.configMapGenerator !== undefined && !Array.isArray(value.configMapGenerator)) problems.push({ pointer: "/configMapGenerator", message: "configMapGenerator must be a list" });
  const configMaps: GeneratedConfigMap[] = [];
  const names = new Set<string>();
  (Array.isArray(value.configMapGenerator) ? value.configMapGenerator : []).forEach((entry: unknown, i) => {
    const at = `/configMapGenerator/${i}`;
    const generated = readGenerator(entry, at, file, problems, names);
    if (generated) configMaps.push(generated.configMap);
  });
  return { resources, configMaps, problems };
}

/**
 * One configMapGenerator entry at `at`: the ConfigMap it generates and its `namespace/name`, and its problems
 * (appended to `problems`). `names` holds the ConfigMaps the entries before it make (this one's is added); without
 * it, whether another entry makes the same ConfigMap is the caller's to decide. Undefined when the entry is not a
 * mapping.
 */
export function readGenerator(entry: unknown, at: string, file: (path: string) => string | undefined, problems: KustomizationProblem[], names?: Set<string>): { readonly id: string; readonly configMap: GeneratedConfigMap } | undefined {
  if (!isObject(entry)) {
    problems.push({ pointer: at, message: "a generator must be a mapping" });
    return undefined;
  }
  unknownFields(entry, ENTRY_FIELDS, at, problems);
  const name = typeof entry.name === "string" ? entry.name : "";
  const namespace = typeof entry.namespace === "string" ? entry.namespace : undefined;
  if (!name) problems.push({ pointer: `${at}/name`, message: "a generator needs a name" });
  const id = `${namespace ?? ""}/${name}`;
  if (names?.has(id)) problems.push({ pointer: `${at}/name`, message: `two generators make ConfigMap ${id}` });
  names?.add(id);
  const options = isObject(entry.options) ? entry.options : {};
  if (entry.options !== undefined && !isObject(entry.options)) problems.push({ pointer: `${at}/options`, message: "options must be a mapping" });
  unknownFields(options, OPTION_FIELDS, `${at}/options`, problems);
  // Without it kustomize appends its own hash, and the Deployments would name a ConfigMap that does not exist.
  if (options.disableNameSuffixHash !== true) problems.push({ pointer: `${at}/options`, message: "disableNameSuffixHash must be true: meshc's names already end in their content's hash, which the Deployments name" });
  if (options.immutable !== undefined && typeof options.immutable !== "boolean") problems.push({ pointer: `${at}/options/immutable`, message: "immutable must be a boolean" });
  const labels = stringMap(options.labels, `${at}/options/labels`, "labels", problems);
  const annotations = stringMap(options.annotations, `${at}/options/annotations`, "annotations", problems);
  const data: Record<string, string> = {};
  const keys = new Map<string, number>();
  if (!Array.isArray(entry.files)) problems.push({ pointer: `${at}/files`, message: "a generator needs files" });
  (Array.isArray(entry.files) ? entry.files : []).forEach((source: unknown, j) => {
    const where = `${at}/files/${j}`;
    if (typeof source !== "string") return problems.push({ pointer: where, message: "a file source must be a string" });
    const eq = source.indexOf("=");
    const path = eq < 0 ? source : source.slice(eq + 1);
    const key = eq < 0 ? path.slice(path.lastIndexOf("/") + 1) : source.slice(0, eq);
    if (!insideRoot(path)) return problems.push({ pointer: where, message: `file ${JSON.stringify(path)} must be a path inside the zone's folder (kustomize's load restrictor refuses others)` });
    const content = file(path);
    if (content === undefined) return problems.push({ pointer: where, message: `file ${path} is not a file the build writes` });
    if (keys.has(key)) return problems.push({ pointer: where, message: `key ${key} is given twice` });
    keys.set(key, j);
    data[key] = content;
  });
  const metadata: Json = { name, ...(namespace !== undefined ? { namespace } : {}) };
  if (Object.keys(labels).length) metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const object: Json = { apiVersion: "v1", kind: "ConfigMap", metadata, ...(options.immutable === true ? { immutable: true } : {}), data };
  return { id, configMap: { object, entry: at, keys } };
}
