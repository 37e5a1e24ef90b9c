// Routing: weights, unreachable routes, regexes Envoy would reject, and mirrors that copy traffic onto itself.
import { checkBudget } from "../budget";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import { type MatchModel, MAX_ROUTE_COPIES, type MeshModel, routeCopies, type RouteModel, type ServiceModel } from "../model";
import { checkRe2, ENVOY_MAX_PROGRAM_SIZE } from "../simulate";
import type { Check } from "./check";
import { perService } from "./per-service";
import { finding } from "./finding";
import { covers, isCatchAll, sameMatch } from "./match-covers";
import { routePath } from "./paths";
import { roundsToZero } from "./percent";

function weights(s: ServiceModel, r: RouteModel): Diagnostic[] {
  const at = child(routePath(s.name, r.index), "to");
  // Envoy's cluster weights are uint32 and Istio's int32: a fractional weight has no spelling in either.
  const outOfRange = r.destinations.filter((d) => !Number.isInteger(d.weight) || d.weight < 0 || d.weight > 100);
  if (outOfRange.length) {
    return outOfRange.map((d) =>
      finding("MESH201", child(at, d.version), `the weight of '${d.version}' is ${d.weight}; a weight is a whole-number share of traffic from 0 to 100.`, {
        hint: Number.isInteger(d.weight) ? undefined : "Envoy and Istio take whole-number weights: round them so they still sum to 100",
      }),
    );
  }
  const sum = r.destinations.reduce((total, d) => total + d.weight, 0);
  // Weights are percentages of traffic; Istio rejects a VirtualService whose weights do not total 100.
  if (Math.abs(sum - 100) > 1e-9) {
    const detail = r.destinations.length ? `sum to ${sum}` : "are all 0, so the route sends traffic nowhere";
    return [finding("MESH200", at, `the weights of route '${r.name}' ${detail}; they must sum to 100.`, { hint: r.destinations.length ? `e.g. ${weightsHint(r)}` : undefined })];
  }
  return [];
}

/** The same split scaled to 100, the last weight taking the rounding: a concrete fix to paste. */
function weightsHint(r: RouteModel): string {
  const sum = r.destinations.reduce((t, d) => t + d.weight, 0);
  const scaled = r.destinations.map((d) => ({ version: d.version, weight: Math.round((d.weight * 100) / sum) }));
  const rest = 100 - scaled.slice(0, -1).reduce((t, d) => t + d.weight, 0);
  scaled[scaled.length - 1] = { ...scaled[scaled.length - 1]!, weight: rest };
  return `{ ${scaled.map((d) => `${d.version}: ${d.weight}`).join(", ")} }`;
}

function shadowing(s: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const authored = s.routes.filter((r) => !r.implicit);
  authored.forEach((later, j) => {
    checkBudget();
    const earlier = authored.slice(0, j).find((e) => covers(e.match, later.match));
    if (!earlier) return;
    const why = isCatchAll(earlier.match)
      ? `route '${earlier.name}' before it matches every request`
      : sameMatch(earlier.match, later.match)
        ? `route '${earlier.name}' before it has the same match`
        : `route '${earlier.name}' before it matches every request this one matches`;
    out.push(
      finding("MESH202", routePath(s.name, later.index), `route '${later.name}' of '${s.name}' can never match: ${why}.`, {
        related: [{ path: routePath(s.name, earlier.index), message: `the route that shadows '${later.name}'` }],
        hint: "routes are tried in order and the first match wins",
      }),
    );
  });
  return out;
}

function regexes(s: ServiceModel, r: RouteModel): Diagnostic[] {
  const when = child(routePath(s.name, r.index), "when");
  const found: { path: string; pattern: string }[] = [];
  const named = (key: "headers" | "query", m: MatchModel) => {
    for (const c of m[key]) if (c.match.kind === "regex") found.push({ path: child(child(child(when, key), c.name), "regex"), pattern: c.match.value });
  };
  named("headers", r.match);
  named("query", r.match);
  if (r.match.path?.kind === "regex") found.push({ path: child(child(when, "path"), "regex"), pattern: r.match.path.value });
  return found.flatMap(({ path, pattern }) => {
    const result = checkRe2(pattern);
    if (!result.ok) return [finding("MESH203", path, `${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${result.error} (at character ${result.offset + 1}).`)];
    if (result.programSize <= ENVOY_MAX_PROGRAM_SIZE) return [];
    return [
      finding("MESH206", path, `${JSON.stringify(shorten(pattern))} compiles to an RE2 program of more than ${ENVOY_MAX_PROGRAM_SIZE} instructions, so Envoy refuses it (re2.max_program_size.error_level).`, {
        hint: "shorten counted repetitions (x{n}), long alternations and Unicode classes; match a prefix or an exact list instead",
      }),
    ];
  });
}

/** A pattern in a message, cut to a readable length. */
function shorten(pattern: string): string {
  return pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern;
}

/** A one-of too long for one Envoy regex is emitted as copies of its route; several long ones multiply. */
function copies(s: ServiceModel, r: RouteModel): Diagnostic[] {
  const n = routeCopies(r.match);
  if (n <= MAX_ROUTE_COPIES) return [];
  return [
    finding("MESH208", child(routePath(s.name, r.index), "when"), `route '${r.name}' of '${s.name}' needs ${n} Envoy routes: its lists of exact values are too long for one regex each, and together they multiply past ${MAX_ROUTE_COPIES}.`, {
      hint: "split the route into routes with one long list each, or match a prefix or a regex instead",
    }),
  ];
}

function mirror(s: ServiceModel, r: RouteModel): Diagnostic[] {
  if (!r.mirror) return [];
  const at = child(routePath(s.name, r.index), "mirror");
  const out: Diagnostic[] = [];
  if (r.mirror.service === s.name && r.destinations.some((d) => d.version === r.mirror!.version)) {
    out.push(
      finding("MESH204", at, `route '${r.name}' mirrors to '${s.name}' ${r.mirror.version}, which already receives this traffic: every mirrored request would be served twice by the same version.`, {
        hint: "mirror to a version the route does not send to (e.g. a new version under test)",
      }),
    );
  }
  if (!(r.mirror.percent > 0 && r.mirror.percent <= 100)) {
    out.push(finding("MESH205", child(at, "percent"), `mirror percent is ${r.mirror.percent}; it must be above 0 and at most 100.`));
  } else if (roundsToZero(r.mirror.percent)) {
    out.push(finding("MESH205", child(at, "percent"), `mirror percent ${r.mirror.percent} is below 0.0001, Envoy's finest share: it would mirror nothing.`));
  }
  return out;
}

const serviceFindings = perService((s) => [
  ...shadowing(s),
  ...s.routes.filter((r) => !r.implicit).flatMap((r) => [...weights(s, r), ...regexes(s, r), ...copies(s, r), ...mirror(s, r)]),
]);

export const routeChecks: Check = {
  name: "routes",
  run: (mesh: MeshModel) => mesh.services.flatMap(serviceFindings),
};
