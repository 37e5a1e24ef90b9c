// The Istio target's output for a model, as the evaluator and the schema check read it: each zone's objects
// parsed back from the emitted YAML text (never the target's in-memory objects).
import { parseAllDocuments } from "yaml";
import type { MeshModel } from "../../compiler/model";
import { istioTarget } from "../../targets/istio";
import type { IstioApi } from "../../targets/target";
import type { Obj } from "./istio-route-evaluator";

export function emitted(model: MeshModel, istioApi: IstioApi, drills: readonly string[] = []): Map<string, string> {
  return new Map(istioTarget.build(model, { drills, istioApi }).map((a) => [a.path, a.content]));
}

export function parseStream(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Obj);
}

/** Every object of one zone folder, from the YAML text. */
export function zoneObjects(files: ReadonlyMap<string, string>, zone: string): Obj[] {
  return [...files].filter(([path]) => path.startsWith(`istio/${zone}/`)).flatMap(([, text]) => parseStream(text));
}
