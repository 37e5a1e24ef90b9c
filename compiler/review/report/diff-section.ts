// The diff against a base, when the report is given one: the same lines `meshc diff` prints.
import type { MeshDiff } from "../diff/semantic-diff";
import { radiusSummary, sidecarGroups, zonesOf } from "../diff/render-text";
import { sidecarList } from "../diff/sidecar-list";
import { html } from "./html-text";

export function diffSection(d: MeshDiff): string {
  const changes = d.changes.length ? d.changes.map((c) => `<li class="${c.risky ? "risky" : ""}">${c.risky ? "⚠️ " : ""}${html(c.text)}</li>`).join("\n") : "<li>no semantic change</li>";
  const groups = sidecarGroups(d).map((g) => `<p><b>${g.title}</b>: ${html(sidecarList(g.refs, zonesOf(d)).join(", "))}</p>`).join("\n");
  const files = d.files ? `<p>files: ${d.files.changed.length} changed, ${d.files.added.length} added, ${d.files.removed.length} removed, ${d.files.unchanged} unchanged</p>` : "";
  return `<p>against <code>${html(d.base.label)}</code>: ${d.changes.length} changes, ${d.risky} risky</p>
<ul class="changes">
${changes}
</ul>
<p>blast radius: ${html(radiusSummary(d))}</p>
${groups}
${files}`;
}
