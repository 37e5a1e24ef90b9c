// `meshc diff`'s whole answer, as data: the semantic changes (per service, then mesh-wide), the blast radius
// (which sidecars get new config), and the file-level diff when both sides carry a manifest. Pure: two models
// (and manifests) in, data out; the renderers print it.
import type { Manifest } from "../../emit/manifest";
import { type MeshModel, serviceByName } from "../../model";
import { type BlastRadius, blastRadius } from "./blast-radius";
import type { Change } from "./change";
import { type FileChanges, fileChanges } from "./file-changes";
import { meshChanges } from "./mesh-changes";
import { addedService, removedService, serviceChanges } from "./service-changes";

export interface DiffSide {
  /** What the reader calls this side: a path, a folder, or `git:<rev>`. */
  readonly label: string;
  readonly model: MeshModel;
  /** The build's manifest; null when the side was not built with files (then there is no file-level diff). */
  readonly manifest: Manifest | null;
}

export interface MeshDiff {
  readonly base: { readonly label: string; readonly mesh: string; readonly services: number };
  readonly head: { readonly label: string; readonly mesh: string; readonly services: number };
  /** Service changes by service name (sorted), then mesh-wide ones. */
  readonly changes: readonly Change[];
  readonly risky: number;
  readonly blastRadius: BlastRadius;
  readonly files: FileChanges | null;
  /** Drills the blast radius was computed with. */
  readonly drills: readonly string[];
}

function serviceLevel(base: MeshModel, head: MeshModel): Change[] {
  const names = [...new Set([...base.services.map((s) => s.name), ...head.services.map((s) => s.name)])].sort();
  return names.flatMap((name) => {
    const before = serviceByName(base, name);
    const after = serviceByName(head, name);
    if (!before) return [addedService(after!, head.services.filter((s) => s.calls.includes(name)).map((s) => s.name))];
    if (!after) return [removedService(before)];
    return serviceChanges(before, after);
  });
}

export function semanticDiff(base: DiffSide, head: DiffSide, drills: readonly string[] = []): MeshDiff {
  const changes = [...serviceLevel(base.model, head.model), ...meshChanges(base.model, head.model)];
  const side = (s: DiffSide) => ({ label: s.label, mesh: s.model.name, services: s.model.services.length });
  return {
    base: side(base),
    head: side(head),
    changes,
    risky: changes.filter((c) => c.risky).length,
    blastRadius: blastRadius(base.model, head.model, drills, base.manifest && head.manifest ? { base: base.manifest, head: head.manifest } : null),
    files: base.manifest && head.manifest ? fileChanges(base.manifest, head.manifest) : null,
    drills,
  };
}
