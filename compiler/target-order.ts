// The order targets run in: a target runs after the targets it packages (Target.packages), whatever the list's
// order, while artifacts keep the list's order. Shared by build() and the incremental builder, so both hand a
// packaging target the same files.
import type { Artifact, PackagedFiles, Target } from "../targets/target";

/**
 * The list in an order where every target follows those it packages, and the targets that package others come
 * after those that do not: their files are handed to the validation last, while the other core checks the rest
 * (at N = 1 000 the helper thread sat idle for ~1.3 s of the kubernetes target, with the Istio files to check
 * after it). Throws on a missing or circular one.
 */
export function runOrder(list: readonly Target[]): Target[] {
  const byName = new Map(list.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Target[] = [];
  const visit = (target: Target) => {
    if (done.has(target.name)) return;
    if (visiting.has(target.name)) throw new Error(`the ${target.name} target packages itself, through ${[...visiting].join(" → ")}`);
    visiting.add(target.name);
    for (const name of target.packages ?? []) {
      const packaged = byName.get(name);
      if (!packaged) throw new Error(`the ${target.name} target packages the ${name} target, which this build does not run`);
      visit(packaged);
    }
    visiting.delete(target.name);
    done.add(target.name);
    out.push(target);
  };
  for (const target of list) if (!target.packages?.length) visit(target);
  for (const target of list) visit(target);
  return out;
}

/** The files a target packages, from the artifacts of the targets already built; undefined if one of them failed. */
export function packagedFiles(target: Target, built: ReadonlyMap<string, readonly Artifact[]>): PackagedFiles | undefined {
  const files = new Map<string, string>();
  for (const name of target.packages ?? []) {
    const artifacts = built.get(name);
    if (!artifacts) return undefined;
    for (const a of artifacts) files.set(a.path, a.content);
  }
  return files;
}
