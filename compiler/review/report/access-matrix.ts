// Who may call whom: a row per caller, a column per callee. A cell says "calls" (listed in the caller's calls
// and admitted), "refused" (called but not admitted: its sidecar denies it), "may" (admitted, not called), or
// nothing. For a large mesh the matrix is left out (N² cells); the service sections still list access.
import type { MeshModel } from "../../model";
import { html } from "./html-text";

export const MATRIX_LIMIT = 60;

export function accessMatrix(mesh: MeshModel): string {
  if (mesh.services.length > MATRIX_LIMIT) return `<p>${mesh.services.length} services: the matrix is shown up to ${MATRIX_LIMIT}; each service's section lists its access.</p>`;
  const names = mesh.services.map((s) => s.name);
  const head = `<tr><th>caller ↓ callee →</th>${names.map((n) => `<th class="rot"><span>${html(n)}</span></th>`).join("")}</tr>`;
  const rows = mesh.services.map((caller) => {
    const cells = mesh.services.map((callee) => {
      const admitted = callee.access.allowFrom === null || callee.access.allowFrom.includes(caller.name);
      const calls = caller.calls.includes(callee.name);
      const [cls, text] = calls ? (admitted ? ["calls", "calls"] : ["refused", "refused"]) : admitted && callee.access.allowFrom !== null ? ["may", "may"] : ["", ""];
      return `<td class="${cls}">${text}</td>`;
    });
    return `<tr><th>${html(caller.name)}</th>${cells.join("")}</tr>`;
  });
  return `<table class="matrix"><thead>${head}</thead><tbody>${rows.join("\n")}</tbody></table>
<p class="legend"><span class="calls">calls</span> called and admitted · <span class="refused">refused</span> called, not admitted · <span class="may">may</span> admitted by <code>allowFrom</code>, not called · blank: not called (callees without <code>allowFrom</code> admit every service)</p>`;
}
