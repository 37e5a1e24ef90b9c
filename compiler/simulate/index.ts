// The request simulator's public surface: used by the routing-test check and by `explain`.
export { simulate, likeliestVersion } from "./simulate";
export type { Simulation } from "./simulate";
export { requestMatches, valueMatches, pathMatches } from "./match";
export type { SimRequest } from "./match";
export { checkRe2, ENVOY_MAX_PROGRAM_SIZE, fullMatch } from "./re2";
export type { Re2Result } from "./re2";
