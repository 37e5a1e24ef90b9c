// One generated service as a team writes it: versions, a realistic mix of routes (header gray release,
// weighted canary, canary by header), overload limits with outlier ejection, local rate limits, retries,
// probes, and access rules that allow exactly its callers.
import type { Random } from "./random";
import { list, ref } from "./source-text";
import type { GeneratedService } from "./topology";

/** How a service routes between its two versions; routing tests are derived from it. */
export type RoutingStyle = "gray-then-canary" | "canary" | "header-canary" | "default";

const STYLES: readonly [RoutingStyle, number][] = [
  ["gray-then-canary", 0.3],
  ["canary", 0.25],
  ["header-canary", 0.15],
  ["default", 0.3],
];

export function pickStyle(random: Random): RoutingStyle {
  let roll = random.next();
  for (const [style, share] of STYLES) {
    if (roll < share) return style;
    roll -= share;
  }
  return "default";
}

/** Accounts in every gray release; routing tests send "1001" and expect v2. */
export const GRAY_ACCOUNTS = ["1001", "1002", "1003"];

function routes(style: RoutingStyle, canary: number): string[] {
  switch (style) {
    case "gray-then-canary":
      return [
        `    { name: "gray-accounts", when: { headers: { "x-account-id": ${JSON.stringify(GRAY_ACCOUNTS).replace(/,/g, ", ")} } }, to: "v2" },`,
        `    { name: "canary", to: { v1: ${100 - canary}, v2: ${canary} } },`,
      ];
    case "canary":
      return [`    { name: "canary", to: { v1: ${100 - canary}, v2: ${canary} } },`];
    case "header-canary":
      return [
        `    { name: "canary-header", when: { headers: { "x-canary": "true" }, path: { prefix: "/api/" } }, to: "v2" },`,
        `    { to: "v1" },`,
      ];
    case "default":
      return [];
  }
}

/** How a generated service routes: its style and its canary's weight (v2's share of the canary route). */
export interface ServiceRouting {
  readonly style: RoutingStyle;
  readonly canary: number;
}

export function renderService(service: GeneratedService, style: RoutingStyle, random: Random): { text: string; routing: ServiceRouting } {
  const lines = [`export const ${service.variable} = service(${JSON.stringify(service.name)}, {`];
  lines.push(`  namespace: ${JSON.stringify(service.team)},`);
  lines.push(random.chance(0.3) ? "  ports: { http: 8080, grpc: 9090 }," : "  ports: { http: 8080 },");
  lines.push(`  versions: ${JSON.stringify(service.versions).replace(/,/g, ", ")},`);
  const canary = 1 + random.int(20);
  const routeLines = routes(style, canary);
  if (routeLines.length > 0) lines.push("  routes: [", ...routeLines, "  ],");
  if (random.chance(0.3)) {
    // Every try must fit in the timeout (meshc's MESH300 otherwise): perTryTimeout × (attempts + 1) ≤ timeout.
    const timeout = 200 * (1 + random.int(10));
    const attempts = 1 + random.int(3);
    lines.push(`  timeout: "${timeout}ms",`);
    lines.push(`  retries: { attempts: ${attempts}, perTryTimeout: "${Math.floor(timeout / (attempts + 1))}ms", on: ["connect-failure", "reset"] },`);
  }
  if (random.chance(0.5)) {
    const connections = 256 * (1 + random.int(16));
    // With zone failover (the default) maxPercent must let a whole zone go: at least 100 ÷ 3 zones (MESH510).
    const eject = random.chance(0.6) ? `, eject: { consecutive5xx: ${3 + random.int(5)}, interval: "10s", baseTime: "30s", maxPercent: ${40 + 10 * random.int(7)} }` : "";
    lines.push(`  overload: { maxConnections: ${connections}, maxPendingRequests: ${connections / 4}, maxRequests: ${connections * 2}${eject} },`);
  }
  if (service.hub || random.chance(0.4)) {
    const rps = 500 * (1 + random.int(40));
    lines.push(`  rateLimit: { requestsPerSecond: ${rps}, burst: ${rps / 5} },`);
  }
  if (service.callers.length > 0) lines.push(`  access: { allowFrom: ${list(service.callers.map(ref), "  ")} },`);
  if (service.calls.length > 0) lines.push(`  calls: ${list(service.calls.map(ref), "  ")},`);
  if (random.chance(0.2)) lines.push('  probes: { port: 8081, path: "/ready" },');
  lines.push("});");
  return { text: lines.join("\n"), routing: { style, canary } };
}
