// `meshc inject`: the sidecar added to Deployments a team owns, the way `istioctl kube-inject` does. Pure: YAML
// text in, YAML text and findings out. It edits the parsed Document, so every field, comment and key order it
// does not own stays as written; what it owns (the two containers and three volumes of sidecar-containers.ts,
// the zone node selector and label, and the workload's two ConfigMaps and its namespace's capture runtime, appended to the stream or List) is
// replaced whole, which makes a second injection byte-identical to the first.
//
// A Deployment names its workload by its pod template's labels: `app` is the service, `version` the version
// (optional when the service has one). The zone is `--zone`, else the template's topology.kubernetes.io/zone
// node selector, else the mesh's only zone.
import { Document, isMap, isSeq, type Node, parseAllDocuments, type YAMLMap, YAMLSeq } from "yaml";
import { type MeshModel, serviceByName } from "../../compiler/model";
import type { PackagedFiles } from "../target";
import { withWave } from "./apply-wave";
import { captureConfig, CONFIG_LABEL_KEY, envoyConfig, runtimeConfig, type SidecarConfig } from "./config-map";
import { foreignSidecar } from "./foreign-sidecar";
import { APP_LABEL, TOPOLOGY_ZONE, VERSION_LABEL, ZONE_LABEL } from "./labels";
import { captureContainer, OWNED_CONTAINERS, OWNED_VOLUMES, proxyContainer, sidecarVolumes } from "./sidecar-containers";

/**
 * The targets share objects between the pods they make (sidecar-containers.ts): written as nodes, a shared object
 * is copied, never made an anchor and alias, as the yaml package would by default.
 */
const NO_ALIASES = { aliasDuplicateObjects: false } as const;

export type InjectCode = "MESH030" | "MESH031" | "MESH032" | "MESH033" | "MESH034" | "MESH035";

export interface InjectFinding {
  readonly code: InjectCode;
  readonly message: string;
  /** Character offsets into the input. */
  readonly start: number;
  readonly length: number;
}

export interface InjectResult {
  /** The injected text; null when there are findings. */
  readonly text: string | null;
  readonly findings: readonly InjectFinding[];
  /** How many Deployments were injected. */
  readonly injected: number;
}

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;
const TEMPLATE: Path = ["spec", "template"];
const POD: Path = [...TEMPLATE, "spec"];

function range(node: unknown): { start: number; length: number } {
  const r = (node as Node | undefined)?.range;
  return r ? { start: r[0], length: Math.max(0, r[1] - r[0]) } : { start: 0, length: 0 };
}

interface Target {
  readonly doc: Document;
  /** Where the Deployment sits in its document ([] or ["items", i]). */
  readonly at: Path;
}

function deployments(docs: readonly Document[]): Target[] {
  const out: Target[] = [];
  for (const doc of docs) {
    const kind = doc.get("kind");
    if (kind === "Deployment") out.push({ doc, at: [] });
    const items = doc.get("items", true);
    if (kind === "List" && isSeq(items)) items.items.forEach((item, i) => isMap(item) && item.get("kind") === "Deployment" && out.push({ doc, at: ["items", i] }));
  }
  return out;
}

/** Replaces the named entries of a sequence (meshc's own), keeping every other entry and its comments. */
function replaceNamed(doc: Document, parent: YAMLMap, key: string, owned: readonly string[], fresh: readonly object[], first: boolean): void {
  const existing: unknown = parent.get(key, true);
  const list = isSeq(existing) ? existing : new YAMLSeq();
  if (list !== existing) parent.set(key, list);
  list.items = list.items.filter((item) => !(isMap(item) && owned.includes(String(item.get("name")))));
  const nodes = fresh.map((value) => doc.createNode(value, NO_ALIASES));
  list.items = first ? [...nodes, ...list.items] : [...list.items, ...nodes];
}

/** One Deployment: its workload, or findings. */
function inject(mesh: MeshModel, packaged: PackagedFiles, target: Target, zoneOption: string | undefined, findings: InjectFinding[]): SidecarConfig[] {
  const { doc, at } = target;
  const object = (doc.getIn(at) as YAMLMap | undefined)?.toJSON() as Json | undefined;
  const get = (path: Path): unknown => path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Json)[k] : undefined), object);
  const node = (path: Path) => doc.getIn([...at, ...path], true) ?? doc.getIn(at, true);
  const report = (code: InjectCode, path: Path, message: string) => findings.push({ code, message, ...range(node(path)) });
  const name = String(get(["metadata", "name"]) ?? "");
  const labels = (get([...TEMPLATE, "metadata", "labels"]) ?? {}) as Json;
  const service = typeof labels[APP_LABEL] === "string" ? serviceByName(mesh, labels[APP_LABEL] as string) : undefined;
  if (!service) {
    const named = labels[APP_LABEL] === undefined ? "has no `app` label" : `says app=${String(labels[APP_LABEL])}`;
    report("MESH030", [...TEMPLATE, "metadata", "labels"], `Deployment '${name}': its pod template ${named}, which names no service of the policy (${mesh.services.map((s) => s.name).join(", ")}).`);
    return [];
  }
  const before = findings.length;
  const version = typeof labels[VERSION_LABEL] === "string" ? (labels[VERSION_LABEL] as string) : service.versions.length === 1 ? service.versions[0]! : undefined;
  if (!version || !service.versions.includes(version)) {
    report("MESH032", [...TEMPLATE, "metadata", "labels", ...(version ? [VERSION_LABEL] : [])], `Deployment '${name}': ${version ? `version '${version}' is not one of ${service.name}'s versions` : `${service.name} has several versions and the pod template has no \`version\` label`} (${service.versions.join(", ")}).`);
  }
  const pinned = get([...POD, "nodeSelector", TOPOLOGY_ZONE]);
  const zone = zoneOption ?? (typeof pinned === "string" ? pinned : mesh.zones.length === 1 ? mesh.zones[0] : undefined);
  if (!zone || !mesh.zones.includes(zone)) {
    report("MESH033", [...POD, "nodeSelector"], `Deployment '${name}': ${zone ? `zone '${zone}' is not a zone of the mesh` : "no zone: pass --zone or pin it with a topology.kubernetes.io/zone node selector"} (${mesh.zones.join(", ")}).`);
  } else if (typeof pinned === "string" && pinned !== zone) {
    report("MESH033", [...POD, "nodeSelector", TOPOLOGY_ZONE], `Deployment '${name}' is pinned to zone '${pinned}', not '${zone}': its pods would run another zone's config.`);
  }
  const containers = [...((get([...POD, "initContainers"]) as Json[] | undefined) ?? []), ...((get([...POD, "containers"]) as Json[] | undefined) ?? [])];
  const foreign = foreignSidecar(containers, (get([...TEMPLATE, "metadata", "annotations"]) ?? {}) as Json);
  if (foreign) report("MESH031", [...POD], `Deployment '${name}' already runs another mesh's sidecar: ${foreign}.`);
  const account = get([...POD, "serviceAccountName"]);
  if (account !== undefined && account !== service.name) report("MESH034", [...POD, "serviceAccountName"], `Deployment '${name}' runs as ServiceAccount '${String(account)}', but ${service.name}'s mTLS identity is the ServiceAccount '${service.name}'.`);
  if (findings.length > before || !version || !zone) return [];

  const envoy = envoyConfig(mesh, service, zone, packaged, "files");
  const capture = captureConfig(mesh, service, packaged);
  const runtime = runtimeConfig(mesh, service.namespace, packaged);
  const template = doc.getIn([...at, ...TEMPLATE], true) as unknown as YAMLMap;
  template.setIn(["metadata", "labels", VERSION_LABEL], version);
  template.setIn(["metadata", "labels", ZONE_LABEL], zone);
  const pod = template.get("spec", true) as unknown as YAMLMap;
  pod.set("serviceAccountName", service.name);
  pod.setIn(["nodeSelector", TOPOLOGY_ZONE], zone);
  replaceNamed(doc, pod, "initContainers", OWNED_CONTAINERS, [captureContainer(mesh, service.name), proxyContainer(mesh, "files", { service: service.name, version, namespace: service.namespace, zone })], true);
  replaceNamed(doc, pod, "volumes", OWNED_VOLUMES, sidecarVolumes(envoy.name, service.name, capture, runtime), false);
  return [envoy, capture, runtime];
}

/**
 * A ConfigMap meshc wrote for one of the injected workloads (any hash: a stale one is replaced too). It matches
 * on the labels the fresh one carries, so an Envoy ConfigMap of the earlier per-version layout (which also
 * had a `version` label) is replaced by the shared one.
 */
function isOwnConfig(value: unknown, fresh: readonly SidecarConfig[]): boolean {
  const labels = ((value as Json | undefined)?.metadata as Json | undefined)?.labels as Json | undefined;
  if ((value as Json | undefined)?.kind !== "ConfigMap" || !labels?.[CONFIG_LABEL_KEY]) return false;
  return fresh.some((c) => {
    const own = c.object.metadata!.labels!;
    return [CONFIG_LABEL_KEY, APP_LABEL, VERSION_LABEL, ZONE_LABEL].every((k) => !(k in own) || labels[k] === own[k]) && (value as Json).metadata !== undefined && ((value as Json).metadata as Json).namespace === c.object.metadata!.namespace;
  });
}

function render(docs: readonly Document[]): string {
  return docs.map((d, i) => {
    const text = d.toString({ lineWidth: 0 });
    return i > 0 && !text.startsWith("---") ? `---\n${text}` : text;
  }).join("");
}

export function injectSidecars(text: string, mesh: MeshModel, packaged: PackagedFiles, zone?: string): InjectResult {
  const docs = parseAllDocuments(text);
  const broken = docs.flatMap((d) => d.errors);
  if (broken.length || !Array.isArray(docs)) {
    return { text: null, injected: 0, findings: broken.map((e) => ({ code: "MESH035", message: `not YAML: ${e.message.split("\n")[0]}`, start: e.pos[0], length: e.pos[1] - e.pos[0] })) };
  }
  const targets = deployments(docs);
  if (!targets.length) return { text: null, injected: 0, findings: [{ code: "MESH035", message: "the file holds no Deployment (apps/v1), nor a List of them.", start: 0, length: 0 }] };
  const findings: InjectFinding[] = [];
  const configs = targets.map((t) => ({ target: t, configs: inject(mesh, packaged, t, zone, findings) }));
  if (findings.length) return { text: null, injected: 0, findings };

  // The workloads' ConfigMaps go where their Deployment is: after it in a List, as documents after it otherwise.
  let out: Document[] = [...docs];
  // A namespace's runtime ConfigMap is appended once, after the first of its Deployments (the others name it too).
  const appended = new Set<string>();
  for (const { target, configs: all } of configs) {
    const fresh = all.filter((c) => c.kind !== "capture-runtime" || !appended.has(`${c.object.metadata!.namespace}/${c.name}`));
    for (const c of fresh) if (c.kind === "capture-runtime") appended.add(`${c.object.metadata!.namespace}/${c.name}`);
    const objects = fresh.map((c) => withWave(c.object));
    if (target.at.length) {
      const items = target.doc.get("items", true) as unknown as YAMLSeq;
      items.items = items.items.filter((item) => !isOwnConfig((item as Node).toJSON?.(), fresh));
      items.items.push(...objects.map((o) => target.doc.createNode(o, NO_ALIASES)));
    } else {
      out = out.filter((d) => !isOwnConfig(d.toJSON(), fresh));
      const after = out.indexOf(target.doc) + 1;
      out.splice(after, 0, ...objects.map((o) => new Document(o, NO_ALIASES)));
    }
  }
  return { text: render(out), injected: targets.length, findings: [] };
}
