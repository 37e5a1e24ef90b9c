// `meshc diff --format markdown`: a pull-request comment. GitHub refuses a comment of 65 536 characters or more,
// so lists are cut, longest detail first (files, then sidecars, then changes), until the comment fits; a cut
// list says how many lines it left out and where the whole answer is (the attached JSON).
import type { MeshDiff } from "./semantic-diff";
import { radiusSummary, sidecarGroups, zonesOf } from "./render-text";
import { plural, sidecarList } from "./sidecar-list";

/** GitHub's limit on an issue or pull-request comment body. */
export const COMMENT_LIMIT = 65_536;

interface Caps {
  readonly changes: number;
  readonly sidecars: number;
  readonly files: number;
}

const escape = (text: string) => text.replace(/([\\`*_{}[\]<>|#])/g, "\\$1");

function capped(items: readonly string[], cap: number, attachment: string | null): string[] {
  if (items.length <= cap) return [...items];
  const rest = items.length - cap;
  return [...items.slice(0, cap), `- … ${rest} more${attachment ? ` in the attached \`${attachment}\`` : " (run `meshc diff --format json` for all)"}`];
}

function render(d: MeshDiff, caps: Caps, attachment: string | null): string {
  const out = [`### meshc diff: \`${escape(d.base.label)}\` → \`${escape(d.head.label)}\``, ""];
  out.push(`**${plural(d.changes.length, "change")}, ${d.risky} risky** · ${radiusSummary(d)}${d.files ? ` · ${d.files.changed.length + d.files.added.length + d.files.removed.length} files differ` : ""}`, "");
  const risky = d.changes.filter((c) => c.risky);
  if (risky.length) out.push("#### ⚠️ Risky", "", ...capped(risky.map((c) => `- ${escape(c.text)}`), caps.changes, attachment), "");
  out.push("#### Changes", "");
  out.push(...(d.changes.length ? capped(d.changes.map((c) => `- ${c.risky ? "⚠️ " : ""}${escape(c.text)}`), caps.changes, attachment) : ["- no semantic change"]), "");
  out.push("#### Blast radius", "", "| zone | changed | added | removed |", "|---|---:|---:|---:|");
  for (const z of d.blastRadius.byZone) out.push(`| ${escape(z.zone)} | ${z.changed} | ${z.added} | ${z.removed} |`);
  out.push("");
  for (const g of sidecarGroups(d)) out.push(`<details><summary>${g.title}: ${plural(new Set(g.refs.map((r) => r.workload)).size, "workload")}</summary>`, "", ...capped(sidecarList(g.refs, zonesOf(d)).map((s) => `- ${escape(s)}`), caps.sidecars, attachment), "", "</details>", "");
  const f = d.files;
  if (f) {
    const all = [...f.changed.map((p) => `- M \`${p}\``), ...f.added.map((p) => `- A \`${p}\``), ...f.removed.map((p) => `- D \`${p}\``)];
    out.push("#### Files", "", `${f.changed.length} changed, ${f.added.length} added, ${f.removed.length} removed, ${f.unchanged} unchanged (by sha256 in manifest.json)`, "");
    if (all.length) out.push("<details><summary>file list</summary>", "", ...capped(all, caps.files, attachment), "", "</details>", "");
  }
  return out.join("\n");
}

/** The comment, cut to fit under `limit` characters. */
export function diffMarkdown(d: MeshDiff, attachment: string | null = null, limit = COMMENT_LIMIT): string {
  let caps: Caps = { changes: Infinity, sidecars: Infinity, files: Infinity };
  for (const key of ["files", "sidecars", "changes"] as const) {
    let text = render(d, caps, attachment);
    if (text.length < limit) return text;
    // Halve this list until the comment fits or the list is gone, then move to the next one.
    let cap = key === "files" ? (d.files ? d.files.changed.length + d.files.added.length + d.files.removed.length : 0) : key === "sidecars" ? d.blastRadius.workloads.length : d.changes.length;
    while (cap > 0 && text.length >= limit) {
      cap = Math.floor(cap / 2);
      caps = { ...caps, [key]: cap };
      text = render(d, caps, attachment);
    }
    if (text.length < limit) return text;
  }
  return render(d, caps, attachment).slice(0, limit - 1);
}
