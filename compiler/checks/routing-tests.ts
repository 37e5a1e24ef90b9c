// The policy's `tests`, run at compile time through the request simulator: a request must reach its
// service (the caller's sidecar routes only to services in its `calls`; the callee's sidecar admits only
// `allowFrom`) and land where the test expects: on one version, or split over versions by exact weights. A
// test that expects one version of a route that splits is itself wrong (it would pass while a share of those
// requests reaches another version), so it is reported with the split to expect instead.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import { type MeshModel, type RouteModel, type RouteTestModel, serviceByName, type ServiceModel, type WeightedVersion } from "../model";
import { simulate } from "../simulate";
import type { Check } from "./check";
import { admitted } from "./admitted";
import { finding } from "./finding";
import { routePath, servicePath } from "./paths";

function describeRoute(route: RouteModel): string {
  return route.implicit ? "the default route (no route matched)" : `route '${route.name}'`;
}

function routeRelated(to: ServiceModel, route: RouteModel, version: string) {
  return [{ path: route.implicit ? servicePath(to.name) : routePath(to.name, route.index), message: route.implicit ? `no route of '${to.name}' matched; the default route sends to '${version}'` : "the route that matched" }];
}

function describeSplit(split: readonly WeightedVersion[]): string {
  return split.map((d) => `${d.version} ${d.weight}%`).join(", ");
}

function splitLiteral(split: readonly WeightedVersion[]): string {
  return `{ ${split.map((d) => `${/^[A-Za-z_$][\w$]*$/.test(d.version) ? d.version : JSON.stringify(d.version)}: ${d.weight}`).join(", ")} }`;
}

function sameSplit(a: readonly WeightedVersion[], b: readonly WeightedVersion[]): boolean {
  return a.length === b.length && a.every((d, i) => d.version === b[i]!.version && d.weight === b[i]!.weight);
}

/** An expected split that is not one: weights outside 0–100, or not summing to 100 (MESH215). */
function badSplit(t: RouteTestModel, at: string): Diagnostic[] {
  const split = t.expectSplit;
  if (!split) return [];
  const where = child(child(at, "expect"), "split");
  const outOfRange = split.filter((d) => !(d.weight >= 0 && d.weight <= 100));
  if (outOfRange.length) return outOfRange.map((d) => finding("MESH215", child(where, d.version), `routing test '${t.name}' expects ${d.weight}% on '${d.version}'; a weight is a share of requests from 0 to 100.`));
  const sum = split.reduce((total, d) => total + d.weight, 0);
  if (Math.abs(sum - 100) > 1e-9) return [finding("MESH215", where, `the expected split of routing test '${t.name}' ${split.length ? `sums to ${sum}` : "is empty"}; its weights must sum to 100.`)];
  return [];
}

/** Where the request lands against where the test expects it (the request reached a route of `to`). */
function landing(t: RouteTestModel, at: string, to: ServiceModel, route: RouteModel, version: string): Diagnostic[] {
  const sent = route.destinations;
  if (t.expectSplit) {
    if (sameSplit(sent, t.expectSplit)) return [];
    const actual = sent.length === 1 ? `sends every request to '${sent[0]!.version}'` : `sends ${describeSplit(sent)}`;
    return [
      finding("MESH214", `${at}.expect.split`, `routing test '${t.name}' expects ${describeSplit(t.expectSplit)}, but ${describeRoute(route)} matched and ${actual}.`, {
        related: routeRelated(to, route, version),
        hint: `expect: { ${sent.length === 1 ? `version: ${JSON.stringify(sent[0]!.version)}` : `split: ${splitLiteral(sent)}`} }, if the route is right`,
      }),
    ];
  }
  if (sent.length > 1) {
    return [
      finding("MESH213", `${at}.expect.version`, `routing test '${t.name}' expects every request on '${t.expectVersion}', but ${describeRoute(route)} matched and splits them ${describeSplit(sent)}.`, {
        related: routeRelated(to, route, version),
        hint: `expect the split: expect: { split: ${splitLiteral(sent)} }`,
      }),
    ];
  }
  if (version === t.expectVersion) return [];
  return [
    finding("MESH210", `${at}.expect.version`, `routing test '${t.name}' expects '${t.expectVersion}', but ${describeRoute(route)} matched and sends it to '${version}'.`, {
      related: routeRelated(to, route, version),
    }),
  ];
}

function run(mesh: MeshModel, t: RouteTestModel): Diagnostic[] {
  const at = child(child("mesh", "tests"), t.index);
  const to = serviceByName(mesh, t.to);
  const expected = t.expectSplit ? t.expectSplit.map((d) => d.version) : [t.expectVersion ?? ""];
  if (!to || !expected.every((v) => to.versions.includes(v))) return []; // the references check reports these
  const from = t.from === null ? null : serviceByName(mesh, t.from) ?? null;
  if (t.from !== null && !from) return [];
  const out: Diagnostic[] = [];
  if (from && !from.calls.includes(to.name)) {
    out.push(
      finding("MESH212", `${at}.request.from`, `routing test '${t.name}': '${from.name}' does not list '${to.name}' in its calls, so its sidecar has no route to it.`, {
        related: [{ path: child(servicePath(from.name), "calls"), message: `the calls of '${from.name}'` }],
      }),
    );
  }
  const allowed = to.access.allowFrom;
  if (allowed !== null && (from === null || !allowed.includes(from.name))) {
    const caller = from ? `'${from.name}'` : "a caller from outside the mesh";
    out.push(
      finding("MESH211", from ? `${at}.request.from` : `${at}.request`, `routing test '${t.name}': '${to.name}' admits ${admitted(allowed)}, so ${caller} would be denied.`, {
        related: [{ path: `${servicePath(to.name)}.access.allowFrom`, message: `the access policy of '${to.name}'` }],
      }),
    );
  }
  const invalid = badSplit(t, at);
  if (invalid.length) return [...out, ...invalid];
  const result = simulate(mesh, {
    from: t.from,
    to: t.to,
    headers: Object.fromEntries(t.headers.map((h) => [h.name, h.value])),
    path: t.path,
    method: t.method,
    query: Object.fromEntries(t.query.map((q) => [q.name, q.value])),
  });
  const expectPath = `${at}.expect.${t.expectSplit ? "split" : "version"}`;
  const what = t.expectSplit ? describeSplit(t.expectSplit) : `'${t.expectVersion}'`;
  if (!result.ok) {
    out.push(finding("MESH210", expectPath, `routing test '${t.name}' expects ${what}, but the request reaches no version of '${to.name}' (${result.reason}).`));
    return out;
  }
  // A route to an undeclared version, or with weights that are not a split of 100, is the references or routes
  // check's finding; the test adds nothing to it.
  const sent = result.destinations;
  if (!sent.every((d) => to.versions.includes(d.version) && d.weight >= 0 && d.weight <= 100)) return out;
  if (Math.abs(sent.reduce((total, d) => total + d.weight, 0) - 100) > 1e-9) return out;
  return [...out, ...landing(t, at, to, result.route, result.version)];
}

export const routingTestChecks: Check = {
  name: "routing-tests",
  run: (mesh) => mesh.tests.flatMap((t) => run(mesh, t)),
};
