// How a service's routes changed. Routes are paired by name and match (a name alone may be the positional
// `route-<n>` an unnamed route gets, which shifts when a route is inserted before it), then compared: added,
// removed, reordered, match, weights, timeout, retries, mirror. A weight change is worded as the issue asks:
// "orders: v1 90→50, v2 10→50 for every caller".
import type { RouteModel, WeightedVersion } from "../../model";
import { conditionsText } from "../explain/route-verdicts";
import { type Change, change } from "./change";
import { fieldChanges, show } from "./field-changes";

const json = (v: unknown) => JSON.stringify(v);

function pair(base: readonly RouteModel[], head: readonly RouteModel[]): { pairs: [RouteModel, RouteModel][]; added: RouteModel[]; removed: RouteModel[] } {
  const taken = new Set<RouteModel>();
  const pairOf = new Map<RouteModel, RouteModel>();
  const passes: ((b: RouteModel, h: RouteModel) => boolean)[] = [
    (b, h) => b.name === h.name && json(b.match) === json(h.match),
    (b, h) => json(b.match) === json(h.match),
    (b, h) => b.name === h.name,
  ];
  for (const same of passes) {
    for (const h of head) {
      if (pairOf.has(h)) continue;
      const b = base.find((x) => !taken.has(x) && same(x, h));
      if (b) {
        pairOf.set(h, b);
        taken.add(b);
      }
    }
  }
  return {
    pairs: head.flatMap((h) => (pairOf.has(h) ? [[pairOf.get(h)!, h] as [RouteModel, RouteModel]] : [])),
    added: head.filter((h) => !pairOf.has(h)),
    removed: base.filter((b) => !taken.has(b)),
  };
}

function label(route: RouteModel): string {
  return route.implicit ? "the default route" : `route '${route.name}'`;
}

function isCatchAll(route: RouteModel): boolean {
  const m = route.match;
  return !m.headers.length && !m.path && !m.methods.length && !m.query.length;
}

/** Who a route's traffic is: "every caller" for a catch-all, else the requests it takes. */
function audience(route: RouteModel): string {
  return isCatchAll(route) ? "for every caller" : `for requests with ${conditionsText(route.match)}`;
}

export function splitOf(destinations: readonly WeightedVersion[]): string {
  return destinations.length === 1 ? destinations[0]!.version : destinations.map((d) => `${d.version} ${d.weight}%`).join(", ");
}

/** "v1 90→50, v2 10→50": every version whose share moved, in the order base then head declares them. */
export function weightMoves(before: readonly WeightedVersion[], after: readonly WeightedVersion[]): string {
  const versions = [...new Set([...before.map((d) => d.version), ...after.map((d) => d.version)])];
  const weight = (list: readonly WeightedVersion[], v: string) => list.find((d) => d.version === v)?.weight ?? 0;
  return versions.filter((v) => weight(before, v) !== weight(after, v)).map((v) => `${v} ${weight(before, v)}→${weight(after, v)}`).join(", ");
}

/** Groups one phrase over many routes: "timeout 2000→1500 ms on every route" instead of one line per route. */
function grouped(service: string, kind: Change["kind"], phrases: { route: RouteModel; text: string }[], routeCount: number): Change[] {
  const byText = new Map<string, RouteModel[]>();
  for (const p of phrases) byText.set(p.text, [...(byText.get(p.text) ?? []), p.route]);
  return [...byText].map(([text, routes]) => {
    const where = routes.length === routeCount && routeCount > 1 ? "every route" : routes.map(label).join(", ");
    return change(kind, `${service}: ${text} (${where})`, { service });
  });
}

export function routeChanges(service: string, base: readonly RouteModel[], head: readonly RouteModel[]): Change[] {
  const { pairs, added, removed } = pair(base, head);
  const out: Change[] = [];
  for (const r of removed) out.push(change("route-removed", `${service}: ${label(r)} removed (it sent ${conditionsText(r.match)} to ${splitOf(r.destinations)})`, { service }));
  for (const r of added) out.push(change("route-added", `${service}: ${label(r)} added at position ${r.index + 1}: ${conditionsText(r.match)} → ${splitOf(r.destinations)}`, { service }));
  const baseOrder = pairs.map(([b]) => b.index);
  if (baseOrder.some((v, i) => i > 0 && v < baseOrder[i - 1]!)) {
    const names = (list: readonly RouteModel[]) => list.map((r) => r.name).join(", ");
    const inBase = [...pairs].sort((x, y) => x[0].index - y[0].index).map(([b]) => b);
    out.push(change("routes-reordered", `${service}: routes reordered: ${names(inBase)} → ${names(pairs.map(([, h]) => h))} (the first match wins)`, { service }));
  }
  const timeouts: { route: RouteModel; text: string }[] = [];
  const retries: { route: RouteModel; text: string }[] = [];
  for (const [b, h] of pairs) {
    if (json(b.match) !== json(h.match)) out.push(change("route-match", `${service}: ${label(h)} now takes ${conditionsText(h.match)} (was ${conditionsText(b.match)})`, { service }));
    if (json(b.destinations) !== json(h.destinations)) out.push(change("weights", `${service}: ${weightMoves(b.destinations, h.destinations)} ${audience(h)}${isCatchAll(h) ? "" : ` (${label(h)})`}`, { service }));
    if (json(b.mirror) !== json(h.mirror)) out.push(change("mirror", `${service}: ${label(h)} mirror ${b.mirror ? `${b.mirror.percent}% to ${b.mirror.service} ${b.mirror.version}` : "none"}→${h.mirror ? `${h.mirror.percent}% to ${h.mirror.service} ${h.mirror.version}` : "none"}`, { service }));
    if (b.timeoutMs !== h.timeoutMs) timeouts.push({ route: h, text: `timeout ${b.timeoutMs}→${h.timeoutMs} ms` });
    const r = fieldChanges(b.retries, h.retries);
    if (r.length) retries.push({ route: h, text: `retries ${r.join(", ")}` });
  }
  out.push(...grouped(service, "timeout", timeouts, head.length), ...grouped(service, "retries", retries, head.length));
  return out;
}

