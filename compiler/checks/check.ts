// A semantic check: a pure function over the mesh model that returns diagnostics with model paths
// (`services.orders.routes[1].to`); the driver's locator turns paths into source spans. Checks never throw:
// the driver catches a throwing check and reports MESH900 naming it.
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { MeshModel } from "../model";

export interface Check {
  /** Kebab-case name of the family, e.g. "references", "capture". */
  readonly name: string;
  readonly run: (mesh: MeshModel) => readonly Diagnostic[];
}
