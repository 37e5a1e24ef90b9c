// Every semantic check family, in one list. The driver runs them all; a check that throws becomes a
// MESH900 naming it instead of taking the build down.
import { BudgetExceeded, checkBudget } from "../budget";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { MeshModel } from "../model";
import { internalError } from "../stage";
import { captureChecks } from "./capture";
import type { Check } from "./check";
import { failoverChecks } from "./failover";
import { nameChecks } from "./names";
import { networkLiteralChecks } from "./network-literals";
import { referenceChecks } from "./references";
import { resilienceChecks } from "./resilience";
import { routeChecks } from "./routes";
import { routingTestChecks } from "./routing-tests";
import { securityChecks } from "./security";
import { zoneChecks } from "./zones";
import { externalHostChecks } from "./external-hosts";
import { imageChecks } from "./images";
import { requestValueChecks } from "./request-values";
import { telemetryChecks } from "./telemetry";

export const checks: readonly Check[] = [
  referenceChecks,
  nameChecks,
  routeChecks,
  resilienceChecks,
  failoverChecks,
  securityChecks,
  zoneChecks,
  networkLiteralChecks,
  captureChecks,
  externalHostChecks,
  requestValueChecks,
  telemetryChecks,
  imageChecks,
  routingTestChecks,
];

export function runChecks(mesh: MeshModel, list: readonly Check[] = checks): Diagnostic[] {
  return list.flatMap((check) => {
    try {
      checkBudget();
      return [...check.run(mesh)];
    } catch (error) {
      // Running out of time is not a meshc bug: the driver reports it as MESH016.
      if (error instanceof BudgetExceeded) throw error;
      return [internalError(`the check '${check.name}'`, error)];
    }
  });
}
