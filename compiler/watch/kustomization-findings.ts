// The findings of each zone's kustomization across rebuilds. A kustomization is checked with the files it names
// (validate/kubernetes/kustomization.ts), so its findings are kept while its text and every file of its zone's
// folder are what they were: one pass over the artifacts, comparing strings the targets mostly hand over
// unchanged.
import type { Artifact } from "../../targets/target";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { validateKustomization } from "../validate/kubernetes";

const KUSTOMIZATION = "kustomization.yaml";
const FOLDER = "kubernetes/";

interface Zone {
  kustomization?: Artifact;
  readonly inputs: Map<string, string>;
  /** The zone's object files (directly in its folder), by name. */
  readonly objectFiles: string[];
}

function zones(artifacts: readonly Artifact[]): Map<string, Zone> {
  const out = new Map<string, Zone>();
  for (const a of artifacts) {
    if (!a.path.startsWith(FOLDER)) continue;
    const end = a.path.indexOf("/", FOLDER.length);
    if (end < 0) continue;
    const root = a.path.slice(0, end + 1);
    let zone = out.get(root);
    if (!zone) out.set(root, (zone = { inputs: new Map(), objectFiles: [] }));
    const name = a.path.slice(root.length);
    if (name === KUSTOMIZATION) zone.kustomization = a;
    else {
      zone.inputs.set(a.path, a.content);
      if (!name.includes("/") && name.endsWith(".yaml")) zone.objectFiles.push(name);
    }
  }
  return out;
}

function same(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, content] of a) if (b.get(path) !== content) return false;
  return true;
}

export function kustomizationFindings(): (artifacts: readonly Artifact[]) => Promise<Diagnostic[]> {
  let last = new Map<string, { text: string; inputs: ReadonlyMap<string, string>; found: readonly Diagnostic[] }>();
  return async (artifacts) => {
    const out: Diagnostic[] = [];
    const next = new Map<string, { text: string; inputs: ReadonlyMap<string, string>; found: readonly Diagnostic[] }>();
    for (const [root, zone] of zones(artifacts)) {
      const k = zone.kustomization;
      if (!k) continue;
      const before = last.get(root);
      const found = before && before.text === k.content && same(before.inputs, zone.inputs) ? before.found : await validateKustomization(k.path, k.content, zone.inputs, zone.objectFiles);
      next.set(root, { text: k.content, inputs: zone.inputs, found });
      out.push(...found);
    }
    last = next;
    return out;
  };
}
