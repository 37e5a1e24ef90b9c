// The watch path (compiler/watch): after each kind of change, the incremental result equals a full build()
// of the same policy, file for file and byte for byte, with the same diagnostics; and a one-service change
// really rebuilds only the sidecars it can affect. build() is the reference.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type BuildOptions, incrementalBuilder, targets, workloads } from "../../compiler/api";
import { generateMesh, writeMesh } from "../../bench/generate";
import { ref } from "../../bench/generate/source-text";
import { packagedFiles, runOrder } from "../../compiler/target-order";
import type { Artifact } from "../../targets/target";

const dir = mkdtempSync(join(tmpdir(), "meshc-watch-"));
const generated = generateMesh({ services: 40, teams: 4, seed: 3 });
writeMesh(dir, generated.files);
const options: BuildOptions = { entry: join(dir, generated.entry), checker: "none" };
const builder = incrementalBuilder(options);

/** Rewrites one file of the policy; the edit must apply. */
function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = before.replace(from, to);
  assert.is.not(after, before, `the edit of ${file} applies`);
  writeFileSync(path, after);
}

const show = (r: { diagnostics: readonly { code: string; message: string }[] }) => r.diagnostics.map((d) => `${d.code} ${d.message}`);

/** The last full build's files, by path: what the reported changes are relative to. */
let previous: Map<string, string> | undefined;

async function sameAsFullBuild(what: string) {
  const incremental = await builder.rebuild();
  const full = await build(options);
  assert.ok(full.artifacts, `${what}: the policy still builds`);
  assert.equal(show(incremental), show(full), `${what}: diagnostics`);
  assert.equal(incremental.artifacts?.map((a) => a.path), full.artifacts.map((a) => a.path), `${what}: file list and order`);
  incremental.artifacts!.forEach((a, i) => assert.ok(a.content === full.artifacts![i]!.content, `${what}: ${a.path}`));
  // What a watcher writes and deletes: the files that differ from the previous build's, and the ones gone.
  const now = new Map(full.artifacts.map((a) => [a.path, a.content]));
  assert.equal(incremental.changed, full.artifacts.filter((a) => previous?.get(a.path) !== a.content).map((a) => a.path), `${what}: changed files`);
  assert.equal(incremental.removed, previous ? [...previous.keys()].filter((p) => !now.has(p)) : [], `${what}: removed files`);
  previous = now;
  return incremental;
}

/** The team file that defines a service, and the service's text there. */
function serviceSource(name: string): { file: string; text: string } {
  for (const [file, text] of generated.files) {
    const m = new RegExp(`export const \\w+ = service\\(${JSON.stringify(name)}, \\{[\\s\\S]*?\\n\\}\\);`).exec(text);
    if (m && file.startsWith("teams/")) return { file, text: m[0] };
  }
  throw new Error(`no source for ${name}`);
}

test("the first build equals a full build and rebuilds everything", async () => {
  const first = await sameAsFullBuild("first build");
  assert.is(first.rebuilt.envoy, 40, "one unit per service: its versions share its folders");
});

test("a one-service change (a canary weight) rebuilds only the sidecars that read that service", async () => {
  // A canary no routing test pins (a test expects the exact split, so changing a tested one would fail the build).
  const tested = (name: string) => generated.files.get(generated.entry)!.includes(`to: ${ref(name)},`);
  const target = generated.services.find((s) => /canary", to: \{ v1: \d+, v2: \d+ \}/.test(serviceSource(s.name).text) && !tested(s.name))!;
  const { file, text } = serviceSource(target.name);
  edit(file, text, text.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a, b) => `to: { v1: ${Number(a) - 1}, v2: ${Number(b) + 1} }`));
  const result = await sameAsFullBuild("canary weight");
  // Its own sidecars, its callers' (their clusters and routes), and its callees' (their RBAC names its identity).
  const affected = new Set([target.name, ...target.callers, ...target.calls]);
  assert.is(result.rebuilt.envoy, affected.size, "one unit (its versions' shared folders) for each service that reads it");
  assert.ok(affected.size < 40, "fewer than all");
  assert.ok(result.changed.length > 0 && result.changed.every((p) => !p.startsWith("envoy/") || affected.has(p.split("/")[1]!)), "only affected sidecars changed");
  // Istio: one unit per service, rebuilt for the services that read the changed one; only its VirtualServices change.
  assert.is(typeof result.rebuilt.istio, "number");
  assert.ok((result.rebuilt.istio as number) < 40, `istio rebuilt ${result.rebuilt.istio} of 40 services`);
  assert.equal(result.changed.filter((p) => p.startsWith("istio/")), result.model!.zones.map((z) => `istio/${z}/${target.name}.yaml`));
  // Kubernetes: a unit per service, stale when its packaged Envoy or capture files may have changed; a changed
  // file is a kustomization (it names the new ConfigMaps) or belongs to an affected service.
  assert.is(result.rebuilt.kubernetes, affected.size);
  const kube = result.changed.filter((p) => p.startsWith("kubernetes/"));
  assert.ok(kube.some((p) => p.endsWith("/kustomization.yaml")), "the kustomizations name the new ConfigMaps");
  assert.ok(kube.every((p) => p.endsWith("/kustomization.yaml") || affected.has(p.split("/")[2]!.replace(/\.yaml$/, "")) || (p.split("/")[2] === "files" && affected.has(p.split("/")[3]!))), kube.join(", "));
});

test("dropping a call, and moving a caller to another namespace (RBAC principals of its callees)", async () => {
  const caller = generated.services.find((s) => s.calls.length >= 2)!;
  const { file, text } = serviceSource(caller.name);
  const dropped = caller.calls[caller.calls.length - 1]!;
  const ref = /^[A-Za-z_$][\w$]*$/.test(dropped) ? `, svc.${dropped}]` : `, svc[${JSON.stringify(dropped)}]]`;
  edit(file, text, text.replace(ref, "]").replace(/namespace: "[^"]+"/, 'namespace: "moved"'));
  await sameAsFullBuild("call dropped, namespace moved");
});

test("a new service, and a mesh-wide change (everything rebuilds)", async () => {
  edit("teams/" + generated.services[0]!.team + ".ts", /$/, '\nexport const newcomer = service("newcomer", { namespace: "labs", ports: { http: 8080 } });\n');
  await sameAsFullBuild("service added");
  edit(generated.entry, 'timeout: "3s"', 'timeout: "4s"');
  const result = await sameAsFullBuild("mesh default timeout");
  assert.is(result.rebuilt.envoy, result.model!.services.length);
  edit("teams/" + generated.services[0]!.team + ".ts", /\nexport const newcomer = [^\n]*\n/, "\n");
  const gone = await sameAsFullBuild("service removed");
  assert.ok(gone.removed.some((p) => p.includes("newcomer")), "its files are reported removed");
});

test("no change: nothing is rebuilt and no file changes", async () => {
  const result = await sameAsFullBuild("no change");
  assert.is(result.rebuilt.envoy, 0);
  assert.equal(result.changed, []);
});

test("contract of every per-workload target: its whole build is its units' builds, in order, and a unit's workloads agree", async () => {
  const full = await build(options);
  const model = full.model!;
  const built = new Map<string, readonly Artifact[]>();
  for (const target of runOrder(targets)) {
    const per = target.perWorkload;
    // What a packaging target is handed, as the build driver hands it: the whole builds of the targets it packages.
    const packaged = packagedFiles(target, built);
    const whole = target.build(model, { drills: [] }, packaged);
    built.set(target.name, whole);
    if (!per) continue;
    const unitOf = per.unit ?? ((w) => w.name);
    const byUnit = new Map<string, unknown>();
    const shared = per.shared?.(model, { drills: [] }, packaged) ?? [];
    const pieces = workloads(model).flatMap((w) => {
      const built = per.build(model, w, { drills: [] }, packaged);
      const unit = unitOf(w);
      if (byUnit.has(unit)) {
        assert.equal(built, byUnit.get(unit), `${target.name}: ${w.name} writes what the rest of its unit ${unit} writes`);
        return [];
      }
      byUnit.set(unit, built);
      return built;
    });
    assert.equal([...shared, ...pieces], [...whole], target.name);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
