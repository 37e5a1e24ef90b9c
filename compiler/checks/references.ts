// References between services and to versions: what the type checker flags in the editor (a misspelled
// `svc.invntory`, a `to: "v3"` the service does not declare) is caught again here, because a policy can be
// built without a type check, with the same "did you mean" a reader expects from tsc.
import { child, element } from "../diagnostics/model-path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { type MeshModel, serviceByName, type ServiceModel } from "../model";
import type { Check } from "./check";
import { didYouMean } from "./did-you-mean";
import { finding } from "./finding";
import { routePath, servicePath } from "./paths";

function unknownService(mesh: MeshModel, name: string, path: string, where: string): Diagnostic {
  const names = mesh.services.map((s) => s.name);
  return finding("MESH101", path, `${where} refers to service '${name}', which the mesh does not define.`, { hint: didYouMean(name, names, "service") });
}

function unknownVersion(service: ServiceModel, version: string, path: string, where: string): Diagnostic {
  return finding("MESH102", path, `${where} names version '${version}', but service '${service.name}' declares only ${service.versions.map((v) => `'${v}'`).join(", ") || "no versions"}.`, {
    hint: didYouMean(version, service.versions, "version"),
  });
}

function serviceReferences(mesh: MeshModel, s: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = servicePath(s.name);
  for (const callee of s.calls) {
    if (!serviceByName(mesh, callee)) out.push(unknownService(mesh, callee, element(child(at, "calls"), callee), `'calls' of '${s.name}'`));
  }
  for (const caller of s.access.allowFrom ?? []) {
    if (!serviceByName(mesh, caller)) out.push(unknownService(mesh, caller, element(`${at}.access.allowFrom`, caller), `'allowFrom' of '${s.name}'`));
  }
  for (const route of s.routes) {
    if (route.implicit) continue;
    const rp = routePath(s.name, route.index);
    for (const d of route.destinations) {
      if (s.versions.includes(d.version)) continue;
      // A single version is written `to: "v3"`; the locator stops at `to` when there is no `.v3` to walk into.
      out.push(unknownVersion(s, d.version, child(child(rp, "to"), d.version), `route '${route.name}'`));
    }
    if (route.mirror) {
      const target = serviceByName(mesh, route.mirror.service);
      if (!target) out.push(unknownService(mesh, route.mirror.service, `${rp}.mirror.to`, `the mirror of route '${route.name}'`));
      else if (!target.versions.includes(route.mirror.version)) out.push(unknownVersion(target, route.mirror.version, `${rp}.mirror.version`, `the mirror of route '${route.name}'`));
    }
  }
  return out;
}

function testReferences(mesh: MeshModel): Diagnostic[] {
  return mesh.tests.flatMap((t) => {
    const at = child(child("mesh", "tests"), t.index);
    const out: Diagnostic[] = [];
    const to = serviceByName(mesh, t.to);
    if (!to) out.push(unknownService(mesh, t.to, `${at}.request.to`, `routing test '${t.name}'`));
    if (t.from !== null && !serviceByName(mesh, t.from)) out.push(unknownService(mesh, t.from, `${at}.request.from`, `routing test '${t.name}'`));
    if (!to) return out;
    // A split's versions are located at their own key: `split: { v1: 90, v3: 10 }` points at `v3`.
    const expected = t.expectSplit ? t.expectSplit.map((d) => ({ version: d.version, path: child(`${at}.expect.split`, d.version) })) : [{ version: t.expectVersion ?? "", path: `${at}.expect.version` }];
    for (const e of expected) if (!to.versions.includes(e.version)) out.push(unknownVersion(to, e.version, e.path, `routing test '${t.name}'`));
    return out;
  });
}

export const referenceChecks: Check = {
  name: "references",
  run: (mesh) => [...mesh.services.flatMap((s) => serviceReferences(mesh, s)), ...testReferences(mesh)],
};
