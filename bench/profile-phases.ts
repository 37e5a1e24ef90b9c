// Where a `meshc build` process spent its CPU, from the V8 CPU profile that `measure-cli.ts --profile` writes:
// every sample goes to the innermost phase function on its stack (a validator, a target, the manifest, the
// write, module loading), garbage collection and the rest apart. Answers "what is outside build()".
//   node --import tsx bench/profile-phases.ts <file.cpuprofile>
// Prints one JSON line: milliseconds per phase, largest first.
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
export interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

// Innermost match wins, so a target's YAML writer counts for the target and the validators' readers for validation.
const PHASES: readonly [phase: string, functionName: string, file: RegExp][] = [
  ["module loading (tsx compile, require)", "Module._load", /node:internal\/modules/],
  ["load (bundle, evaluate)", "load", /compiler\/load\/index\.ts$/],
  ["load (bundle, evaluate)", "evaluate", /compiler\/load\/sandbox\.ts$/],
  ["normalize", "normalize", /compiler\/normalize\//],
  ["checks", "runChecks", /compiler\/checks\/registry\.ts$/],
  ["targets", "runTargets", /compiler\/build\.ts$/],
  ["istio-references", "checkIstioReferences", /compiler\/validate\/istio-references/],
  ["validate (Envoy)", "validateEnvoyArtifacts", /compiler\/validate\/envoy\/index\.ts$/],
  // Its helper thread's share is not in the main thread's profile; the Kubernetes and Istio units it reads count below.
  ["validate (Envoy)", "checkOnBothCores", /compiler\/validate\/both-cores\.ts$/],
  ["validate:kubernetes", "documentIsClean", /compiler\/validate\/kubernetes\/index\.ts$/],
  ["validate:kubernetes", "validateKubernetesArtifacts", /compiler\/validate\/kubernetes\/index\.ts$/],
  ["validate:kubernetes", "cleanStream", /compiler\/validate\/kubernetes\/index\.ts$/],
  ["validate:kubernetes", "objectFindings", /compiler\/validate\/kubernetes\/index\.ts$/],
  ["validate:istio", "validateIstioArtifacts", /compiler\/validate\/istio\/index\.ts$/],
  // The Istio files both cores read (checkOnBothCores).
  ["validate:istio", "istioFileFindings", /compiler\/validate\/istio\/index\.ts$/],
  ["validation cache (hash, look up, save)", "openCleanCache", /compiler\/validate\/clean-cache\.ts$/],
  ["validation cache (hash, look up, save)", "has", /compiler\/validate\/clean-cache\.ts$/],
  ["validation cache (hash, look up, save)", "add", /compiler\/validate\/clean-cache\.ts$/],
  ["validation cache (hash, look up, save)", "save", /compiler\/validate\/clean-cache\.ts$/],
  ["manifest (hashes)", "manifestOf", /compiler\/emit\/manifest\.ts$/],
  ["write (atomic)", "writeAtomically", /compiler\/emit\/atomic-write\.ts$/],
  ["write (atomic)", "writeArtifacts", /compiler\/emit\//],
  ["report", "report", /compiler\/cli\/report\.ts$/],
];

export function phasesOf(profile: Profile): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map<number, string>();
  const own = (n: ProfileNode): string | undefined => {
    if (n.callFrame.functionName === "(garbage collector)") return "garbage collection";
    if (n.callFrame.functionName === "(idle)") return "idle (waiting)";
    return PHASES.find(([, fn, file]) => n.callFrame.functionName === fn && file.test(n.callFrame.url))?.[0];
  };
  const resolve = (id: number): string => {
    const known = phaseOf.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const up = parent.get(id);
    const phase = own(n) ?? (up === undefined ? "other" : resolve(up));
    phaseOf.set(id, phase);
    return phase;
  };
  const ms: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const phase = resolve(id);
    ms[phase] = (ms[phase] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return Object.fromEntries(Object.entries(ms).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
}

if (require.main === module) process.stdout.write(JSON.stringify(phasesOf(JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Profile)) + "\n");
