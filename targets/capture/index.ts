// The traffic-capture target: for every service, the init container's rules and script, which all its versions
// run (the capture reads the service's ports and capture settings, never the version).
//   capture/<service>/rules.v4   iptables-restore input (the capture, or the rejection when the mesh is IPv6-only)
//   capture/<service>/rules.v6   ip6tables-restore input (the capture, or the rejection when the mesh is IPv4-only)
//   capture/<service>/rules.nft  one native nftables ruleset (an inet table: both families)
//   capture/<service>/init.sh    applies one of them: detect or nft backend, atomic, idempotent, --cleanup
//   capture/runtime.sh           what every init.sh runs after defining its rules, once for the mesh (runtime-file.ts)
import { firstWorkloads, type MeshModel, type Workload } from "../../compiler/model";
import { CAPTURE_SCRIPT, captureFolder, captureRuntimePath } from "../sidecar-layout";
import type { Artifact, Target } from "../target";
import { capturePlan } from "./capture-plan";
import { initScript } from "./init-script";
import { type IptablesTable, iptablesTables } from "./iptables-rules";
import { nftRuleset } from "./nft-rules";
import { restoreFile } from "./restore-format";
import { RUNTIME_SCRIPT } from "./runtime-file";

/** The runtime every service's init.sh sources: one file, whatever the services. */
function runtimeArtifacts(): Artifact[] {
  return [{ path: captureRuntimePath(), content: RUNTIME_SCRIPT }];
}

const RULES_FILE = { ipv4: "rules.v4", ipv6: "rules.v6" } as const;

function header(service: string, what: string): string[] {
  return [`meshc traffic capture for service ${service}: ${what}`, "generated from the mesh policy, do not edit"];
}

/** The rules and script a workload's pods run: they read its own service and the mesh-level settings, nothing else. */
function workloadCapture(mesh: MeshModel, workload: Workload): Artifact[] {
  const plan = capturePlan(mesh, workload);
  const dir = captureFolder(workload.service.name, workload.version);
  const tables: Partial<Record<"ipv4" | "ipv6", IptablesTable[]>> = {};
  for (const family of [...plan.families, ...plan.rejected]) tables[family] = iptablesTables(plan, family);
  const nft = nftRuleset(plan, header(plan.service, "nft -f rules.nft"));
  const rules = [...plan.families, ...plan.rejected]
    .sort()
    .map((f) => ({ path: `${dir}/${RULES_FILE[f]}`, content: restoreFile(header(plan.service, `${f === "ipv4" ? "iptables" : "ip6tables"}-restore --noflush`), tables[f]!) }));
  return [
    { path: `${dir}/${CAPTURE_SCRIPT}`, content: initScript({ plan, tables, nft: nftRuleset(plan, []) }) },
    { path: `${dir}/rules.nft`, content: nft },
    ...rules,
  ];
}

/** The runtime, then each service's folder once, from its first version (every version would write the same bytes). */
export function buildCapture(mesh: MeshModel): Artifact[] {
  return [
    ...runtimeArtifacts(),
    ...firstWorkloads(mesh).flatMap((workload) => workloadCapture(mesh, workload)),
  ];
}

export const captureTarget: Target = {
  name: "capture",
  build: (mesh) => buildCapture(mesh),
  perWorkload: { shared: () => runtimeArtifacts(), build: (mesh, workload) => workloadCapture(mesh, workload), reads: (_mesh, workload) => [workload.service.name], unit: (workload) => workload.service.name },
};

/** The text of `capture/runtime.sh`, the same for every mesh (runtime-file.ts). */
export { RUNTIME_SCRIPT as CAPTURE_RUNTIME_SCRIPT } from "./runtime-file";
