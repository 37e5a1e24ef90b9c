// Hover on a `svc.x` (or `svc["x"]`) reference: the service's namespace, versions, ports, callers, access and
// routes, from the policy's last model that built.
import type { MeshModel } from "../model";
import { serviceByName } from "../model";
import { conditionsText } from "../review/explain/route-verdicts";
import { splitOf } from "../review/diff/route-changes";

const REFERENCE = /\bsvc(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/g;

/** The service named by the reference under `character` on `line`, if any. */
export function referenceAt(line: string, character: number): string | undefined {
  for (const m of line.matchAll(REFERENCE)) {
    if (character >= m.index! && character <= m.index! + m[0].length) return m[1] ?? (JSON.parse(`"${m[2]}"`) as string);
  }
  return undefined;
}

export function hoverText(mesh: MeshModel, name: string): string | undefined {
  const s = serviceByName(mesh, name);
  if (!s) return undefined;
  const callers = mesh.services.filter((c) => c.calls.includes(s.name)).map((c) => c.name);
  const routes = s.routes.map((r) => `- \`${r.name}\`${r.implicit ? " (catch-all)" : ""}: ${conditionsText(r.match)} → ${splitOf(r.destinations)}, timeout ${r.timeoutMs} ms`);
  return [
    `**${s.name}** — namespace \`${s.namespace}\``,
    "",
    `versions: ${s.versions.join(", ")}  `,
    `ports: ${s.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`).join(", ")}  `,
    `callers: ${callers.join(", ") || "none"}  `,
    `admits: ${s.access.allowFrom === null ? "every service" : s.access.allowFrom.join(", ") || "no caller"} (mTLS ${s.access.mtls})  `,
    `calls: ${s.calls.join(", ") || "nothing"}`,
    "",
    "routes:",
    ...routes,
  ].join("\n");
}
