// Who the generated services are and who calls whom. Real meshes are not uniform: a few hubs (auth,
// accounts, config …) are called by a large share of services, the rest by a handful. Every callee lists
// each of its callers in `allowFrom`, so the generated policy passes meshc's access checks.
import type { Random } from "./random";

const WORDS = [
  "orders", "payments", "inventory", "catalog", "pricing", "accounts", "ledger", "search", "shipping", "billing",
  "invoices", "cart", "checkout", "reviews", "ratings", "recommend", "profile", "auth", "session", "notify",
  "email", "sms", "media", "images", "upload", "exporter", "report", "audit", "fraud", "risk",
  "quota", "coupon", "promo", "loyalty", "wallet", "refund", "tax", "address", "geo", "dispatch",
  "tracking", "warehouse", "supplier", "vendor", "contract", "config", "feature", "experiment", "metrics", "ranking",
];

const TEAMS = [
  "edge", "shop", "finance", "search", "media", "identity", "growth", "logistics", "platform", "risk",
  "data", "support", "partner", "mobile", "ads", "content", "billing", "infra", "social", "labs",
];

/** Every this-many services, one gets a hyphenated name, referenced as `svc["orders-api3"]`. */
const HYPHENATED_EVERY = 7;

/** Share of call edges that go to a hub. */
const HUB_SHARE = 0.3;

/** One hub per this many services (at least one). */
const SERVICES_PER_HUB = 200;

export interface GeneratedService {
  /** DNS-1123 label, unique in the mesh. */
  readonly name: string;
  /** The exported constant in the team file. */
  readonly variable: string;
  readonly team: string;
  readonly versions: readonly string[];
  /** Services this one calls (names, sorted by index of generation). */
  readonly calls: string[];
  /** Services that call this one: its `allowFrom`. */
  readonly callers: string[];
  readonly hub: boolean;
}

function serviceName(index: number): string {
  const word = WORDS[index % WORDS.length]!;
  const round = Math.floor(index / WORDS.length);
  if (index % HYPHENATED_EVERY === HYPHENATED_EVERY - 1) return `${word}-api${round}`;
  return round === 0 ? word : `${word}${round}`;
}

function variableName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function teamName(index: number): string {
  const base = TEAMS[index % TEAMS.length]!;
  return index < TEAMS.length ? base : `${base}${Math.floor(index / TEAMS.length) + 1}`;
}

/** Services spread over teams, with `calls` ≈ `callsPerService` each (±1), hubs taking a share of the edges. */
export function topology(random: Random, count: number, teams: number, callsPerService: number): GeneratedService[] {
  const order = random.shuffle(Array.from({ length: count }, (_, i) => i));
  const teamOf = new Array<number>(count);
  order.forEach((serviceIndex, position) => (teamOf[serviceIndex] = position % teams));
  const hubCount = count === 0 ? 0 : Math.max(1, Math.round(count / SERVICES_PER_HUB));
  const hubs = new Set(random.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, hubCount));
  const hubList = [...hubs].sort((a, b) => a - b);

  const services = Array.from({ length: count }, (_, i): GeneratedService => {
    const name = serviceName(i);
    return { name, variable: variableName(name), team: teamName(teamOf[i]!), versions: ["v1", "v2"], calls: [], callers: [], hub: hubs.has(i) };
  });
  for (let i = 0; i < count; i++) {
    const wanted = Math.min(count - 1, Math.max(0, callsPerService + random.int(3) - 1));
    const chosen = new Set<number>();
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 20; attempts++) {
      const callee = hubList.length > 0 && random.chance(HUB_SHARE) ? random.pick(hubList) : random.int(count);
      if (callee !== i) chosen.add(callee);
    }
    for (const callee of [...chosen].sort((a, b) => a - b)) {
      services[i]!.calls.push(services[callee]!.name);
      services[callee]!.callers.push(services[i]!.name);
    }
  }
  return services;
}
