// Every semantic check family, in one list. The driver runs them all; a check that throws becomes a
// MESH900 naming it instead of taking the build down.
import { codes } from "../diagnostics/codes";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { MeshModel } from "../model";
import type { Check } from "./check";

export const checks: readonly Check[] = [];

export function runChecks(mesh: MeshModel, list: readonly Check[] = checks): Diagnostic[] {
  return list.flatMap((check) => {
    try {
      return [...check.run(mesh)];
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return [{ code: "MESH900", severity: codes.MESH900.severity, message: `the check '${check.name}' failed: ${detail}`, path: "mesh" }];
    }
  });
}
