// The policy's `tests`, run at compile time through the request simulator: a request must reach its
// service (the caller's sidecar routes only to services in its `calls`; the callee's sidecar admits only
// `allowFrom`) and land on the expected version. A failure names the route that matched instead.
import type { Diagnostic } from "../diagnostics/diagnostic";
import { child } from "../diagnostics/model-path";
import { type MeshModel, type RouteTestModel, serviceByName } from "../model";
import { simulate } from "../simulate";
import type { Check } from "./check";
import { admitted } from "./admitted";
import { finding } from "./finding";
import { routePath, servicePath } from "./paths";

function describeRoute(name: string, implicit: boolean): string {
  return implicit ? "the default route (no route matched)" : `route '${name}'`;
}

function run(mesh: MeshModel, t: RouteTestModel): Diagnostic[] {
  const at = child(child("mesh", "tests"), t.index);
  const to = serviceByName(mesh, t.to);
  if (!to || !to.versions.includes(t.expectVersion)) return []; // the references check reports these
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
  const result = simulate(mesh, {
    from: t.from,
    to: t.to,
    headers: Object.fromEntries(t.headers.map((h) => [h.name, h.value])),
    path: t.path,
    method: t.method,
    query: Object.fromEntries(t.query.map((q) => [q.name, q.value])),
  });
  if (!result.ok) {
    out.push(finding("MESH210", `${at}.expect.version`, `routing test '${t.name}' expects '${t.expectVersion}', but the request reaches no version of '${to.name}' (${result.reason}).`));
    return out;
  }
  // A route to an undeclared version is the references check's finding; the test adds nothing to it.
  if (result.version !== t.expectVersion && to.versions.includes(result.version)) {
    const route = result.route;
    const split = result.destinations.length > 1 ? ` (${result.destinations.map((d) => `${d.version} ${d.weight}%`).join(", ")})` : "";
    out.push(
      finding("MESH210", `${at}.expect.version`, `routing test '${t.name}' expects '${t.expectVersion}', but ${describeRoute(route.name, route.implicit)} matched and sends it to '${result.version}'${split}.`, {
        related: [{ path: route.implicit ? servicePath(to.name) : routePath(to.name, route.index), message: route.implicit ? `no route of '${to.name}' matched; the default route sends to '${result.version}'` : `the route that matched` }],
      }),
    );
  }
  return out;
}

export const routingTestChecks: Check = {
  name: "routing-tests",
  run: (mesh) => mesh.tests.flatMap((t) => run(mesh, t)),
};
