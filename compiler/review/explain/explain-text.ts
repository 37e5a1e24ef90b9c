// `meshc explain` as a reader sees it: one line per decision, each with the file:line that made it.
import type { RetryModel } from "../../model";
import { drillEffect } from "../traffic/drill-state";
import { placeText, type SourcePlace } from "../source-place";
import type { Explanation } from "./explain";
import { conditionsText } from "./route-verdicts";
import { allPaths, explainPaths } from "./explain-places";

type Places = ReadonlyMap<string, SourcePlace | undefined>;

function requestLine(e: Explanation): string {
  const r = e.request;
  const query = Object.entries(r.query).map(([k, v]) => `${k}=${v}`).join("&");
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
  return [`${e.caller.name} → ${e.callee.name}`, `${r.method.toUpperCase()} ${r.path}${query ? `?${query}` : ""}`, ...headers].join("  ") + `  (caller in ${e.zone}${r.zone === null ? ", the first zone; pick one with --zone" : ""})`;
}

function at(places: Places, path: string): string {
  const text = placeText(places.get(path));
  return text ? `  ${text}` : "";
}

export function retriesText(r: RetryModel): string {
  if (r.attempts === 0) return "no retries";
  return `${r.attempts} ${r.attempts === 1 ? "retry" : "retries"}, ${r.perTryTimeoutMs} ms per try, on ${r.on.join(", ")}`;
}

export function splitText(e: Pick<Explanation, "destinations" | "version">): string {
  if (e.destinations.length === 1) return `all to ${e.destinations[0]!.version}`;
  return `${e.destinations.map((d) => `${d.version} ${d.weight}%`).join(", ")} (most land on ${e.version})`;
}

function reachLines(e: Explanation, places: Places, p: ReturnType<typeof explainPaths>): string[] {
  const allowFrom = e.callee.access.allowFrom;
  const admits = allowFrom === null ? "every service" : allowFrom.length ? allowFrom.join(", ") : "no caller";
  const lines = [
    e.calls
      ? `reach    ${e.caller.name} calls ${e.callee.name}${at(places, p.calls)}`
      : `reach    BLOCKED: ${e.caller.name} does not list ${e.callee.name} in its calls, so its sidecar has no route there (${e.outbound === "registry-only" ? "registry-only: the request is refused" : "allow-any: it leaves the mesh unrouted"})${at(places, p.calls)}`,
    `access   ${e.admitted ? "allowed" : "DENIED"}: ${e.callee.name} admits ${admits} (mTLS ${e.callee.access.mtls})${at(places, p.access)}`,
  ];
  return lines;
}

function routeLines(e: Explanation, places: Places, p: ReturnType<typeof explainPaths>): string[] {
  const lines = [e.protocol === "tcp" ? "route    (TCP: the sidecar sees no request, so the catch-all route applies)" : "routes"];
  e.routes.forEach((v, i) => {
    const name = v.route.implicit ? `${v.route.name} (the catch-all meshc appends)` : v.route.name;
    const why = v.matched ? `matches: it takes ${conditionsText(v.route.match)}` : v.misses.join("; ");
    lines.push(`  ${v.matched ? "match" : "skip "}  ${name}${at(places, p.routes[i]!)}`, `         ${why}`);
  });
  return lines;
}

export function explainText(e: Explanation, places: Places): string {
  const p = explainPaths(e);
  const o = e.overload;
  const eject = o.outlier ? `eject after ${o.outlier.consecutive5xx} consecutive 5xx (every ${o.outlier.intervalMs} ms, ${o.outlier.baseEjectionMs} ms base, at most ${o.outlier.maxEjectionPercent}%)` : "no ejection";
  const drills = e.drills.length ? e.drills.map((d) => `  ${d.active ? "ACTIVE" : "off   "}  ${d.drill.name}: ${drillEffect(d.drill)}${d.active ? "" : ` — ${d.why}`}${at(places, p.drills[e.drills.indexOf(d)]!)}`) : ["  none aimed at " + e.callee.name];
  const zones = e.zones.map((z) => `${z.zone} (priority ${z.priority}${z.zone === e.zone ? ", caller's zone" : ""})`).join(" → ");
  return [
    requestLine(e),
    ...reachLines(e, places, p),
    ...routeLines(e, places, p),
    `lands    ${splitText(e)}`,
    e.protocol === "http" ? `timeout  ${e.timeoutMs} ms; ${retriesText(e.retries)}` : "timeout  none per request over TCP (the connect timeout is below)",
    ...(e.mirror ? [`mirror   ${e.mirror.percent}% copied to ${e.mirror.service} ${e.mirror.version}`] : []),
    `limits   ${o.maxConnections} connections, ${o.maxPendingRequests} pending, ${o.maxRequests} requests, ${o.maxRetries} retries at once; connect timeout ${o.connectTimeoutMs} ms; ${eject}`,
    `rate     ${e.rateLimit ? `${e.rateLimit.requestsPerSecond} requests/s, burst ${e.rateLimit.burst} (each ${e.callee.name} sidecar)` : "no rate limit"}`,
    "drills",
    ...drills,
    `zones    ${e.callee.failover === "zone" ? "zone failover" : "no failover"}: ${zones}`,
  ].join("\n") + "\n";
}

export { allPaths, explainPaths };
