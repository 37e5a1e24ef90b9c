// Each service's routes and resilience settings, as the report's tables: what a route takes and where it sends
// it, its timeout and retries, the service's limits, ejection, rate limit, access and failover.
import type { ServiceModel } from "../../model";
import { routeSettingsPath } from "../../checks/paths";
import { conditionsText } from "../explain/route-verdicts";
import { retriesText } from "../explain/explain-text";
import { splitOf } from "../diff/route-changes";
import { html } from "./html-text";

function routeRows(s: ServiceModel, places: Readonly<Record<string, string>>): string {
  return s.routes
    .map((r) => {
      const at = places[routeSettingsPath(s.name, r)];
      return `<tr><td>${html(r.name)}${r.implicit ? " <small>(catch-all meshc appends)</small>" : ""}</td><td>${html(conditionsText(r.match))}</td><td>${html(splitOf(r.destinations).replace(/^(\S+)$/, "all to $1"))}</td><td>${r.timeoutMs} ms</td><td>${html(retriesText(r.retries))}</td><td>${r.mirror ? html(`${r.mirror.percent}% to ${r.mirror.service} ${r.mirror.version}`) : ""}</td><td><code>${html(at ?? "")}</code></td></tr>`;
    })
    .join("\n");
}

function resilience(s: ServiceModel): string {
  const o = s.overload;
  const rows: [string, string][] = [
    ["limits", `${o.maxConnections} connections, ${o.maxPendingRequests} pending, ${o.maxRequests} requests, ${o.maxRetries} retries at once; connect timeout ${o.connectTimeoutMs} ms`],
    ["ejection", o.outlier ? `after ${o.outlier.consecutive5xx} consecutive 5xx, every ${o.outlier.intervalMs} ms, ${o.outlier.baseEjectionMs} ms base, at most ${o.outlier.maxEjectionPercent}%` : "none"],
    ["rate limit", s.rateLimit ? `${s.rateLimit.requestsPerSecond} requests/s, burst ${s.rateLimit.burst}` : "none"],
    ["access", `${s.access.allowFrom === null ? "every service" : s.access.allowFrom.join(", ") || "no caller"} (mTLS ${s.access.mtls})`],
    ["calls", s.calls.join(", ") || "nothing"],
    ["failover", s.failover],
  ];
  return rows.map(([k, v]) => `<tr><th>${k}</th><td>${html(v)}</td></tr>`).join("\n");
}

export function serviceSections(services: readonly ServiceModel[], places: Readonly<Record<string, string>>): string {
  return services
    .map(
      (s) => `<section class="service" id="service-${html(s.name)}">
<h3>${html(s.name)} <small>${html(s.namespace)} · ${html(s.versions.join(", "))} · ${html(s.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`).join(", "))}</small></h3>
<table class="routes"><thead><tr><th>route</th><th>takes</th><th>sends to</th><th>timeout</th><th>retries</th><th>mirror</th><th>written at</th></tr></thead>
<tbody>
${routeRows(s, places)}
</tbody></table>
<table class="settings"><tbody>
${resilience(s)}
</tbody></table>
</section>`,
    )
    .join("\n");
}
