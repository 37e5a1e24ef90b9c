// Times the Istio CRD check (compiler/validate/istio) on synthetic objects:
//   node --import tsx bench/istio-validate.ts [--services 1000]   (5 objects per service)
// Cold: the first call in the process (loads the schemas, compiles the CEL rules it meets). Warm: another set of
// distinct files in the same process, as later files of one build see it.
import { istioArtifacts } from "./istio-objects";
import { validateIstioArtifacts, warmIstioSchemas } from "../compiler/api";

const arg = process.argv.indexOf("--services");
const services = arg > 0 ? Number(process.argv[arg + 1]) : 1000;

const first = istioArtifacts(services, "zone-a");
const second = istioArtifacts(services, "zone-c");
// CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const load = warmIstioSchemas();
const t1 = performance.now();
const c1 = cpu();
const cold = validateIstioArtifacts(first);
const t2 = performance.now();
const c2 = cpu();
const warm = validateIstioArtifacts(second);
const t3 = performance.now();
const c3 = cpu();
if (cold.length || warm.length) throw new Error(`the synthetic objects should be valid: ${[...cold, ...warm].slice(0, 3).map((d) => d.message).join("; ")}`);
const objects = services * 5;
console.log(JSON.stringify({ objects, schemaLoadMs: Math.round(t1 - t0), coldMs: Math.round(t2 - t1), coldCpuMs: Math.round(c2 - c1), warmMs: Math.round(t3 - t2), warmCpuMs: Math.round(c3 - c2), warmPerObjectUs: Math.round(((t3 - t2) / objects) * 1000), rules: load.rules }));
