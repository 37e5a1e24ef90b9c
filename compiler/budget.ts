// The build's time budget for everything after load (normalize, checks, targets, validation). A policy is
// untrusted input, and a stage that is linear in the policy can still be asked for a great deal of work
// (a routing test over a megabyte header against a hundred routes): the build must end in a diagnostic, never
// hang an operator's laptop or a CI runner. The long loops call checkBudget(); past the deadline it throws
// BudgetExceeded, which the driver turns into MESH016 naming the stage. Targets stay pure (no clock): the
// driver checks between targets, and every target is linear in the model.
import { codes } from "./diagnostics/codes";
import type { Diagnostic } from "./diagnostics/diagnostic";

// Ten minutes: docs/benchmark.md measures a whole build of 10 000 services at about four minutes on this
// machine, so a real mesh never meets the budget, while a hostile or broken policy still ends.
/** Milliseconds for normalize, checks, targets and validation together. */
export const DEFAULT_BUDGET_MS = 600_000;

export class BudgetExceeded extends Error {
  constructor(readonly stage: string, readonly budgetMs: number) {
    super(`the ${stage} stage was still running when the build's ${budgetMs} ms budget ran out`);
  }
}

interface Active {
  readonly deadline: number;
  readonly budgetMs: number;
  stage: string;
}

// One build runs at a time on the main thread (each stage is synchronous), so one slot is enough; nested
// or concurrent async builds keep the earliest deadline.
let active: Active | null = null;

/** Runs the synchronous stage `run` under the budget started by `startBudget`. */
export function inStage<T>(stage: string, run: () => T): T {
  if (active) active.stage = stage;
  checkBudget();
  return run();
}

/** Starts a budget; returns the function that ends it. Outside a build (explain, lsp) nothing is checked. */
export function startBudget(budgetMs: number): () => void {
  const previous = active;
  const deadline = performance.now() + budgetMs;
  active = previous && previous.deadline <= deadline ? previous : { deadline, budgetMs, stage: "normalize" };
  return () => {
    active = previous;
  };
}

/** Throws BudgetExceeded once the running build is past its deadline. Cheap: call it in long loops. */
export function checkBudget(): void {
  if (active !== null && performance.now() > active.deadline) throw new BudgetExceeded(active.stage, active.budgetMs);
}

export function budgetDiagnostic(error: BudgetExceeded): Diagnostic {
  return {
    code: "MESH016",
    severity: codes.MESH016.severity,
    message: `${error.message}; meshc stopped instead of running on.`,
    path: "mesh",
    hint: "raise the budget with --compile-timeout <ms> if the policy is simply large",
  };
}
