import { readFileSync } from "node:fs";
import { phasesOf } from "/work/main/bench/profile-phases";
const p = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (m: any) => m.callFrame.functionName + " " + m.callFrame.url.replace(/.*\/main\//, "").replace(/.*node_modules\//, "nm/") + ":" + m.callFrame.lineNumber;
// path of each sample as list of keys, root first
const want = (process.argv[3] ?? "envoyIssues");
const incl = new Map<string, number>();
p.samples.forEach((id: number, i: number) => {
  const dt = (p.timeDeltas[i] ?? 0) / 1000;
  const stack: string[] = []; let cur: number | undefined = id;
  while (cur !== undefined) { stack.unshift(key(byId.get(cur))); cur = parent.get(cur); }
  const at = stack.findIndex((k) => k.startsWith(want + " "));
  if (at < 0) return;
  const child = stack[at + 1] ?? "(self)"; const gchild = stack[at + 2] ?? "";
  const k = child + "  >  " + gchild;
  incl.set(k, (incl.get(k) ?? 0) + dt);
});
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${Math.round(v)}\t${k}`).join("\n"));
