// Resilience: retries that fit their timeout, back-off Envoy accepts, and overload / ejection / rate limits
// inside the ranges Envoy's protos allow. Values a service inherits are reported where they are written (the
// locator falls back to the service, then the mesh defaults), and the messages avoid naming the service so the
// same inherited mistake is reported once.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child, element } from "../diagnostics/model-path";
import type { MeshModel, RouteModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { perService } from "./per-service";
import { finding } from "./finding";
import { routeSettingsPath, servicePath } from "./paths";

/** Envoy's retry_on conditions meshc passes through (router filter, x-envoy-retry-on and x-envoy-retry-grpc-on). */
export const RETRY_ON = ["5xx", "gateway-error", "reset", "connect-failure", "retriable-4xx", "refused-stream", "cancelled", "deadline-exceeded", "resource-exhausted", "unavailable"];
/** More retries than this multiply the load on a failing service into a retry storm. */
export const MAX_RETRY_ATTEMPTS = 10;
/** Envoy's circuit-breaker thresholds are uint32. */
const UINT32_MAX = 4_294_967_295;

function ms(value: number): string {
  return value % 1000 === 0 ? `${value / 1000}s` : `${value}ms`;
}

function retries(s: ServiceModel, r: RouteModel): Diagnostic[] {
  const base = routeSettingsPath(s.name, r);
  const at = child(base, "retries");
  const x = r.retries;
  const out: Diagnostic[] = [];
  if (!Number.isInteger(x.attempts) || x.attempts < 0 || x.attempts > MAX_RETRY_ATTEMPTS) {
    out.push(finding("MESH306", child(at, "attempts"), `retry attempts is ${x.attempts}; use a whole number from 0 to ${MAX_RETRY_ATTEMPTS}.`));
    return out;
  }
  if (x.attempts === 0) return out;
  // The route timeout bounds the whole request, retries included (Envoy: route.timeout vs per_try_timeout).
  const needed = (x.attempts + 1) * x.perTryTimeoutMs;
  if (r.timeoutMs > 0 && needed > r.timeoutMs) {
    out.push(
      finding("MESH300", child(at, "perTryTimeout"), `${x.attempts + 1} tries of ${ms(x.perTryTimeoutMs)} need ${ms(needed)}, but the timeout is ${ms(r.timeoutMs)}: the later retries can never run.`, {
        related: [{ path: child(base, "timeout"), message: `the timeout (${ms(r.timeoutMs)})` }],
        hint: `lower perTryTimeout to ${ms(Math.floor(r.timeoutMs / (x.attempts + 1)))} or raise the timeout to ${ms(needed)}`,
      }),
    );
  }
  if (x.backoffMaxMs < x.backoffBaseMs) {
    out.push(finding("MESH301", child(child(at, "backoff"), "max"), `the back-off maximum ${ms(x.backoffMaxMs)} is below its base ${ms(x.backoffBaseMs)}.`));
  }
  for (const on of x.on) {
    if (!RETRY_ON.includes(on)) out.push(finding("MESH302", element(child(at, "on"), on), `'${on}' is not a retry condition.`, { hint: `one of ${RETRY_ON.join(", ")}` }));
  }
  return out;
}

function overload(s: ServiceModel): Diagnostic[] {
  const at = child(servicePath(s.name), "overload");
  const o = s.overload;
  const out: Diagnostic[] = [];
  const limit = (key: "maxConnections" | "maxPendingRequests" | "maxRequests" | "maxRetries", min: number) => {
    const v = o[key];
    if (Number.isInteger(v) && v >= min && v <= UINT32_MAX) return;
    const why = v < min && min === 1 ? " (0 would reject every request)" : "";
    out.push(finding("MESH303", child(at, key), `${key} is ${v}; it must be a whole number from ${min} to ${UINT32_MAX}${why}.`));
  };
  limit("maxConnections", 1);
  limit("maxPendingRequests", 1);
  limit("maxRequests", 1);
  limit("maxRetries", 0);
  if (!(o.connectTimeoutMs > 0)) out.push(finding("MESH303", child(at, "connectTimeout"), "connectTimeout must be above 0."));
  const e = o.outlier;
  if (e) {
    const eject = child(at, "eject");
    if (!(Number.isInteger(e.consecutive5xx) && e.consecutive5xx >= 1 && e.consecutive5xx <= UINT32_MAX)) out.push(finding("MESH304", child(eject, "consecutive5xx"), `consecutive5xx is ${e.consecutive5xx}; it must be a whole number from 1 to ${UINT32_MAX}.`));
    if (!(e.intervalMs > 0)) out.push(finding("MESH304", child(eject, "interval"), "the ejection interval must be above 0."));
    if (!(e.baseEjectionMs > 0)) out.push(finding("MESH304", child(eject, "baseTime"), "the base ejection time must be above 0."));
    // max_ejection_percent is a UInt32Value: whole percents only.
    if (!(Number.isInteger(e.maxEjectionPercent) && e.maxEjectionPercent >= 0 && e.maxEjectionPercent <= 100)) out.push(finding("MESH304", child(eject, "maxPercent"), `maxPercent is ${e.maxEjectionPercent}; it must be a whole number from 0 to 100.`));
  }
  return out;
}

function rateLimit(s: ServiceModel): Diagnostic[] {
  const l = s.rateLimit;
  if (!l) return [];
  const at = child(servicePath(s.name), "rateLimit");
  const out: Diagnostic[] = [];
  // Envoy's local rate limit is a token bucket of whole tokens refilled each second; its counts are uint32.
  if (!(Number.isInteger(l.requestsPerSecond) && l.requestsPerSecond >= 1 && l.requestsPerSecond <= UINT32_MAX)) {
    // A burst left out is derived from the rate (a fifth of it), so it is only wrong when the rate is.
    return [finding("MESH305", child(at, "requestsPerSecond"), `requestsPerSecond is ${l.requestsPerSecond}; it must be a whole number from 1 to ${UINT32_MAX}.`)];
  }
  if (!(Number.isInteger(l.burst) && l.burst >= 0 && l.burst <= UINT32_MAX)) out.push(finding("MESH305", child(at, "burst"), `burst is ${l.burst}; it must be a whole number from 0 to ${UINT32_MAX}.`));
  return out;
}

const serviceFindings = perService((s) => [...s.routes.flatMap((r) => retries(s, r)), ...overload(s), ...rateLimit(s)]);

export const resilienceChecks: Check = {
  name: "resilience",
  run: (mesh: MeshModel) => mesh.services.flatMap(serviceFindings),
};
