// The pod labels Istio objects select workloads by. Istio's own convention (`app`, `version`: what its
// telemetry and the Bookinfo samples use, and what DestinationRule subsets select), so a team's existing
// Deployments fit when they follow it. The kubernetes target's Deployments must carry the same two labels.
// https://istio.io/latest/docs/ops/deployment/application-requirements/
export const APP_LABEL = "app";
export const VERSION_LABEL = "version";

/** A workload selector for every pod of a service. */
export function serviceSelector(service: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { [APP_LABEL]: service } };
}
