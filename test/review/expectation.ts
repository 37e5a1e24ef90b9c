// Whether an outcome meets a routing test's expectation: one version, or — where the model carries it
// (`expectSplit`, a test of the whole weighted split) — exactly the route's split.
import type { RouteTestModel, WeightedVersion } from "../../compiler/model";

export function meetsExpectation(t: RouteTestModel, destinations: readonly WeightedVersion[], version: string): boolean {
  const split = (t as { readonly expectSplit?: readonly WeightedVersion[] | null }).expectSplit;
  if (split) return JSON.stringify(split) === JSON.stringify(destinations);
  return version === t.expectVersion;
}
