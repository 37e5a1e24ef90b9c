// Which sidecars get new config, and where. First the Envoy target's own scoping names the candidates (a
// sidecar's files read only its own service, the services it calls, their mirror targets and its allowed
// callers: `perWorkload.reads`, targets/envoy/scope.ts); a mesh-wide change makes every sidecar a candidate.
// Then each candidate's files are compared, so the answer is exact (a weight change reaches the callers'
// sidecars, not the service's own): by the two builds' manifests (sha256 per file) when both sides have one,
// else (or when a side was built for the xds delivery, whose output holds no listeners or clusters) by
// rebuilding the candidate's files from both models through the same target.
import type { Artifact } from "../../../targets/target";
import type { Manifest } from "../../emit/manifest";
import { type MeshModel, serviceByName, type Workload, workloads } from "../../model";
import { envoyFolder, LDS_FILE, targets } from "../../target-registry";

export interface SidecarRef {
  readonly workload: string;
  readonly zone: string;
}

export interface ZoneRadius {
  readonly zone: string;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
}

export interface BlastRadius {
  readonly changed: readonly SidecarRef[];
  readonly added: readonly SidecarRef[];
  readonly removed: readonly SidecarRef[];
  /** Sidecars (workload × zone) in the head. */
  readonly total: number;
  /** Workloads the scoping named as possibly affected (each then rebuilt on both sides). */
  readonly candidates: number;
  readonly byZone: readonly ZoneRadius[];
  /** Workloads with at least one changed, added or removed sidecar. */
  readonly workloads: readonly string[];
}

/** Everything a sidecar's files may depend on outside `services`: tests are not compiled into any file, drills only when switched on. */
function meshLevel(model: MeshModel, drills: readonly string[]): string {
  const { services: _s, tests: _t, drills: all, ...rest } = model;
  return JSON.stringify({ ...rest, drills: all.filter((d) => drills.includes(d.name)) });
}

function changedServices(base: MeshModel, head: MeshModel): Set<string> {
  const out = new Set<string>();
  for (const s of head.services) if (JSON.stringify(s) !== JSON.stringify(serviceByName(base, s.name))) out.add(s.name);
  for (const s of base.services) if (!serviceByName(head, s.name)) out.add(s.name);
  return out;
}

const envoy = () => {
  const target = targets.find((t) => t.name === "envoy");
  if (!target?.perWorkload) throw new Error("the envoy target has no per-workload build");
  return target.perWorkload;
};

/** One sidecar's files, by zone, as comparable text: path and content, or path and sha256. */
type SidecarFiles = (mesh: MeshModel, workload: Workload) => Map<string, string>;

function byZone(mesh: MeshModel, workload: Workload, files: readonly { path: string; key: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const zone of mesh.zones) {
    const folder = `${envoyFolder(workload.service.name, workload.version, zone)}/`;
    out.set(zone, JSON.stringify(files.filter((f) => f.path.startsWith(folder)).map((f) => [f.path, f.key])));
  }
  return out;
}

function rebuilt(options: { drills: string[] }): SidecarFiles {
  const per = envoy();
  return (mesh, w) => byZone(mesh, w, per.build(mesh, w, options).map((a: Artifact) => ({ path: a.path, key: a.content })));
}

/** A manifest's files grouped by folder, so a sidecar's entries are found without scanning the whole list. */
function fromManifest(manifest: Manifest): SidecarFiles {
  const byFolder = new Map<string, { path: string; key: string }[]>();
  for (const f of manifest.files) {
    const folder = f.path.slice(0, f.path.lastIndexOf("/") + 1);
    let list = byFolder.get(folder);
    if (!list) byFolder.set(folder, (list = []));
    list.push({ path: f.path, key: f.sha256 });
  }
  return (mesh, w) => byZone(mesh, w, mesh.zones.flatMap((zone) => byFolder.get(`${envoyFolder(w.service.name, w.version, zone)}/`) ?? []));
}

export interface BuiltFiles {
  readonly base: Manifest;
  readonly head: Manifest;
}

/**
 * Whether a build's manifest holds its sidecars' listeners: a build for the xds delivery writes only their
 * bootstraps (what the server sends is not in the output), so its manifest cannot say which configs changed.
 */
function listsListeners(manifest: Manifest): boolean {
  return manifest.files.some((f) => f.path.startsWith("envoy/") && f.path.endsWith(`/${LDS_FILE}`));
}

export function blastRadius(base: MeshModel, head: MeshModel, drills: readonly string[] = [], given: BuiltFiles | null = null): BlastRadius {
  const per = envoy();
  const manifests = given && listsListeners(given.base) && listsListeners(given.head) ? given : null;
  const options = { drills: [...drills].sort() };
  const everything = meshLevel(base, drills) !== meshLevel(head, drills);
  const changed = changedServices(base, head);
  const baseWorkloads = new Map(workloads(base).map((w) => [w.name, w]));
  const headWorkloads = workloads(head);
  const touched = (mesh: MeshModel, w: Workload) => per.reads(mesh, w).some((name) => changed.has(name));
  const filesBefore = manifests ? fromManifest(manifests.base) : rebuilt(options);
  const filesAfter = manifests ? fromManifest(manifests.head) : rebuilt(options);
  const result = { changed: [] as SidecarRef[], added: [] as SidecarRef[], removed: [] as SidecarRef[] };
  let candidates = 0;
  for (const w of headWorkloads) {
    const before = baseWorkloads.get(w.name);
    if (!before) {
      for (const zone of head.zones) result.added.push({ workload: w.name, zone });
      continue;
    }
    if (!everything && !touched(head, w) && !touched(base, before)) continue;
    candidates++;
    const old = filesBefore(base, before);
    const now = filesAfter(head, w);
    for (const zone of head.zones) {
      if (!old.has(zone)) result.added.push({ workload: w.name, zone });
      else if (old.get(zone) !== now.get(zone)) result.changed.push({ workload: w.name, zone });
    }
    for (const zone of base.zones) if (!now.has(zone)) result.removed.push({ workload: w.name, zone });
  }
  const headNames = new Set(headWorkloads.map((w) => w.name));
  for (const w of baseWorkloads.values()) if (!headNames.has(w.name)) for (const zone of base.zones) result.removed.push({ workload: w.name, zone });
  const zones = [...new Set([...head.zones, ...base.zones])];
  const count = (list: readonly SidecarRef[], zone: string) => list.filter((s) => s.zone === zone).length;
  return {
    ...result,
    total: headWorkloads.length * head.zones.length,
    candidates,
    byZone: zones.map((zone) => ({ zone, changed: count(result.changed, zone), added: count(result.added, zone), removed: count(result.removed, zone) })),
    workloads: [...new Set([...result.changed, ...result.added, ...result.removed].map((s) => s.workload))].sort(),
  };
}
