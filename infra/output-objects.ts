// Reads the objects of one zone out of a build's files, as docs/output-format.md lays them out: a YAML stream
// per file under `<target>/<zone>/`, one Kubernetes object per document, each with its apply wave. The program
// deploys exactly these objects; it never re-derives them from the policy. A folder that is a kustomize root
// (kubernetes/<zone>/, issue 19) is read as `kubectl apply -k` reads it: its kustomization's resources, and the
// ConfigMaps its generators make from the build's files, built in memory by the compiler's reading of them
// (the validator's, which test/infra/output-objects.test.ts holds equal to kustomize's own rendering). The
// ConfigMaps keep their names, so their resource names and URNs are those of the embedded ones before.
// js-yaml reads meshc's output several times faster than the yaml package (hundreds of MB at mesh scale); with
// the YAML 1.2 core schema it types scalars as the yaml package's default does, and meshc's writer quotes
// every string a 1.1 or 1.2 reader would type otherwise. test/infra/output-objects.test.ts holds the readings
// equal on real output.
import { CORE_SCHEMA, loadAll } from "js-yaml";
import { readKustomization } from "../compiler/api";
import { DeployError } from "./deploy-error";

export const APPLY_WAVE = "meshc.io/apply-wave";
/** What makes a zone's folder a kustomize root (docs/output-format.md). */
export const KUSTOMIZATION_FILE = "kustomization.yaml";

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly annotations?: Readonly<Record<string, string>>; readonly labels?: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

export interface ZoneObject {
  readonly object: KubeObject;
  /** The build file it came from (for messages). */
  readonly file: string;
  readonly wave: number;
}

function asObject(value: unknown, where: string): KubeObject {
  const o = value as Partial<KubeObject> | null;
  if (!o || typeof o !== "object" || typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof o.metadata?.name !== "string") {
    throw new DeployError(`${where} is not a Kubernetes object (apiVersion, kind, metadata.name)`);
  }
  return o as KubeObject;
}

function waveOf(object: KubeObject, where: string): number {
  const text = object.metadata.annotations?.[APPLY_WAVE];
  const wave = Number(text);
  if (text === undefined || !Number.isInteger(wave) || wave < 0) throw new DeployError(`${where} (${object.kind} ${object.metadata.name}) has no valid ${APPLY_WAVE} annotation`);
  return wave;
}

function loadStream(files: ReadonlyMap<string, string>, file: string): unknown[] {
  try {
    return loadAll(files.get(file)!, undefined, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    throw new DeployError(`${file}: ${(error as Error).message}`);
  }
}

function streamObjects(files: ReadonlyMap<string, string>, file: string): ZoneObject[] {
  return loadStream(files, file).flatMap((value, index) => {
    if (value === null || value === undefined) return [];
    const where = `${file} document ${index + 1}`;
    const object = asObject(value, where);
    return [{ object, file, wave: waveOf(object, where) }];
  });
}

/** A kustomize root: its resources in file order, then the ConfigMaps it generates in generator order. */
function kustomizedObjects(files: ReadonlyMap<string, string>, prefix: string): ZoneObject[] {
  const file = prefix + KUSTOMIZATION_FILE;
  const [value] = loadStream(files, file);
  const read = readKustomization(value, (path) => files.get(prefix + path));
  if (read.problems.length) throw new DeployError(`${file}: ${read.problems.map((p) => `${p.pointer || "/"} ${p.message}`).join("; ")}`);
  const objects = [...read.resources].sort().flatMap((path) => streamObjects(files, prefix + path));
  read.configMaps.forEach((c, i) => {
    const where = `${file} configMapGenerator ${i + 1}`;
    const object = asObject(c.object, where);
    objects.push({ object, file, wave: waveOf(object, where) });
  });
  return objects;
}

/** The objects of `<folder>/<zone>/`: its kustomization's, or those of its `*.yaml`, in file order then document order. */
export function zoneObjects(files: ReadonlyMap<string, string>, folder: string, zone: string): ZoneObject[] {
  const prefix = `${folder}/${zone}/`;
  if (files.has(prefix + KUSTOMIZATION_FILE)) return kustomizedObjects(files, prefix);
  const paths = [...files.keys()].filter((p) => p.startsWith(prefix) && p.endsWith(".yaml") && !p.slice(prefix.length).includes("/")).sort();
  return paths.flatMap((file) => streamObjects(files, file));
}
