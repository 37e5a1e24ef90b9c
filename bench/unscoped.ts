// Bytes per sidecar without scoping: what a sidecar's files would weigh if it knew the whole mesh, as a
// control plane without per-sidecar scoping sends it. Measured, not estimated: the real Envoy target builds a
// model variant in which the sampled workloads' services call every service (the model is the same otherwise).
// A sample of workloads, spread evenly over the mesh, stands for all of them; the caller says how many.
import { type MeshModel, targets, workloads } from "../compiler/api";

export interface Unscoped {
  /** Workloads built (each for every zone). */
  readonly sampled: number;
  readonly workloads: number;
  /** Mean bytes of one sidecar's files (bootstrap + LDS + CDS) in the sample. */
  readonly bytesPerSidecar: number;
  /** The sample's mean times every sidecar of the mesh. */
  readonly extrapolatedTotalBytes: number;
}

export function unscopedBytes(model: MeshModel, sample: number): Unscoped {
  const envoy = targets.find((t) => t.name === "envoy");
  if (!envoy?.perWorkload) throw new Error("the envoy target has no per-workload entry point");
  const all = workloads(model);
  const step = Math.max(1, Math.floor(all.length / Math.max(1, sample)));
  const picked = all.filter((_, i) => i % step === 0).slice(0, sample);
  const everyone = model.services.map((s) => s.name);
  const wide = new Set(picked.map((w) => w.service.name));
  const variant: MeshModel = { ...model, services: model.services.map((s) => (wide.has(s.name) ? { ...s, calls: everyone.filter((n) => n !== s.name) } : s)) };
  const byName = new Map(workloads(variant).map((w) => [w.name, w]));
  let bytes = 0;
  for (const w of picked) {
    for (const a of envoy.perWorkload.build(variant, byName.get(w.name)!, { drills: [] })) bytes += Buffer.byteLength(a.content);
  }
  const sidecars = picked.length * model.zones.length;
  const perSidecar = bytes / sidecars;
  return { sampled: sidecars, workloads: all.length, bytesPerSidecar: perSidecar, extrapolatedTotalBytes: perSidecar * all.length * model.zones.length };
}
