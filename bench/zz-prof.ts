import { build } from "../compiler/api";
import { validateKubernetesArtifacts, validateKustomization } from "../compiler/validate/kubernetes";
import { kubernetesTarget } from "../targets/kubernetes";
(async () => {
  const result = await build({ entry: "/tmp/mesh1000/policy/mesh.ts", checker: "none", validate: false });
  const arts = result.artifacts!;
  console.log("target:kubernetes (driver)", result.timings["target:kubernetes"]);
  let t = performance.now();
  await validateKubernetesArtifacts(arts);
  console.log("validateKubernetesArtifacts", performance.now() - t);
  const files = new Map(arts.map((a) => [a.path, a.content]));
  t = performance.now();
  for (const a of arts.filter((a) => a.path.endsWith("/kustomization.yaml"))) {
    const names = arts.filter((b) => b.path.startsWith(a.path.slice(0, -18)) && b.path.split("/").length === 3 && b !== a).map((b) => b.path.split("/")[2]!);
    await validateKustomization(a.path, a.content, files, names);
  }
  console.log("kustomizations", performance.now() - t);
})();
