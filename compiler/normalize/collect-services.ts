import { child } from "../diagnostics/model-path";
import { type Collector, describe, isObject, type Json, type JsonObject } from "./context";

export interface FoundService {
  readonly name: string;
  readonly spec: JsonObject;
  /** Where the author put it in `services` (e.g. `mesh.services[1].orders`), for diagnostics about the list itself. */
  readonly listPath: string;
  /** The service's serialized value as JSON text (made anyway, to tell two services of one name apart). */
  readonly json: string;
}

/**
 * Finds every service in `services`: services themselves, team modules (`import * as shop`, whose other
 * exports are ignored) and lists of either. The same service reached twice (a module re-exporting another's
 * service) counts once; two different services with one name are reported.
 */
export function collectServices(c: Collector, list: Json | undefined, path: string): FoundService[] {
  const byName = new Map<string, FoundService>();
  const visit = (value: Json, at: string, inModule: boolean): void => {
    if (isObject(value) && value.$kind === "service") {
      if (typeof value.name !== "string" || !isObject(value.spec)) {
        c.report("MESH012", at, "a service must be made with service(name, spec).");
        return;
      }
      const json = JSON.stringify(value);
      const earlier = byName.get(value.name);
      if (!earlier) byName.set(value.name, { name: value.name, spec: value.spec, listPath: at, json });
      else if (earlier.json !== json) {
        c.report("MESH100", `services.${value.name}`, `two different services are named '${value.name}'.`, "service names must be unique in the mesh; rename one of them");
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, child(at, i), inModule));
      return;
    }
    if (isObject(value) && !("$kind" in value) && !inModule) {
      // A team module: look at its exports, one level deep, and ignore what is not a service.
      for (const [key, v] of Object.entries(value)) {
        if (isObject(v) || Array.isArray(v)) visit(v, child(at, key), true);
      }
      return;
    }
    if (!inModule) c.report("MESH012", at, `'services' takes services, team modules or lists of them, but this is ${describe(value)}.`);
  };
  if (!Array.isArray(list)) {
    c.report("MESH012", path, `'services' must be a list, but is ${describe(list)}.`);
    return [];
  }
  list.forEach((v, i) => visit(v, child(path, i), false));
  return [...byName.values()];
}
