// `meshc diff` on pairs of real policy revisions: the example, and a copy with one change each (a weight shift,
// a new route, widened access, a new drill, a new service). Each asserts the summary lines and the blast
// radius, and that the blast radius (sidecars named by scoping, confirmed by rebuilding) is exactly the set of
// sidecar folders whose files differ between the two builds' manifests, and the same when it is computed by
// rebuilding the candidates from the models instead of reading the manifests.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../compiler/api";
import type { Manifest } from "../../compiler/emit/manifest";
import { type MeshDiff, semanticDiff } from "../../compiler/review/diff/semantic-diff";
import { workloads } from "../../compiler/model";
import { envoyFolder } from "../../targets/sidecar-layout";
import { unpinnedExample } from "../example-copy";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-diff-"));

async function side(entry: string, label: string, drills: readonly string[] = []) {
  const result = await build({ entry, checker: "none", validate: false, drills });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  assert.equal(errors.map((d) => `${d.code} ${d.message}`), [], `${label} compiles`);
  const manifest = JSON.parse(result.artifacts!.find((a) => a.path === "manifest.json")!.content) as Manifest;
  return { label, model: result.model!, manifest };
}

let counter = 0;
let base: string | undefined;
/** The example as the base side (once), without the pinned split both sides drop. */
function baseEntry(): string {
  return (base ??= unpinnedExample(join(scratch, "base")));
}
/** A copy of the example with `edit` applied to one of its files. */
function revision(file: string, edit: (text: string) => string): string {
  const dir = join(scratch, `rev-${counter++}`);
  unpinnedExample(dir);
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  assert.is.not(after, before, `the edit of ${file} applies`);
  writeFileSync(path, after);
  return join(dir, "mesh.ts");
}

async function diffOf(file: string, edit: (text: string) => string, drills: readonly string[] = []): Promise<MeshDiff> {
  const base = await side(baseEntry(), "base", drills);
  const head = await side(revision(file, edit), "head", drills);
  const diff = semanticDiff(base, head, drills);
  // The blast radius and the file-level diff agree: the same sidecar folders, no more, no fewer.
  // A sidecar's folder is its service's, shared by the versions: a changed folder changes all of them.
  const fromFiles = new Set([...diff.files!.changed, ...diff.files!.added, ...diff.files!.removed].flatMap((p) => (p.startsWith("envoy/") ? [p.slice(0, p.lastIndexOf("/"))] : [])));
  const byName = new Map([...workloads(base.model), ...workloads(head.model)].map((w) => [w.name, w]));
  const fromRadius = new Set([...diff.blastRadius.changed, ...diff.blastRadius.added, ...diff.blastRadius.removed].map((s) => envoyFolder(byName.get(s.workload)!.service.name, byName.get(s.workload)!.version, s.zone)));
  assert.equal([...fromRadius].sort(), [...fromFiles].sort(), "blast radius = sidecar folders whose files differ");
  // Without manifests the candidates are rebuilt through the Envoy target instead: the same answer.
  const rebuilt = semanticDiff({ ...base, manifest: null }, { ...head, manifest: null }, drills);
  assert.equal(rebuilt.blastRadius, diff.blastRadius, "rebuilt from the models = compared by manifest");
  return diff;
}

test("two xds builds (no listeners or clusters in their output): the blast radius is rebuilt from the models, the same as the files builds'", async () => {
  const server = { image: "registry.example/uaek/meshc-policy:1", entry: "/etc/meshc/policy/mesh.ts" };
  const xdsSide = async (entry: string, label: string) => {
    const result = await build({ entry, checker: "none", validate: false, delivery: "xds", xdsServer: server });
    assert.ok(result.artifacts, `${label} builds`);
    const manifest = JSON.parse(result.artifacts!.find((a) => a.path === "manifest.json")!.content) as Manifest;
    assert.not.ok(manifest.files.some((f) => f.path.endsWith("/lds.yaml")), "an xds build writes no lds.yaml");
    return { label, model: result.model!, manifest };
  };
  const edit = (t: string) => t.replace("to: { v1: 90, v2: 10 }", "to: { v1: 50, v2: 50 }");
  const files = await diffOf("teams/shop.ts", edit);
  const xds = semanticDiff(await xdsSide(baseEntry(), "base"), await xdsSide(revision("teams/shop.ts", edit), "head"), []);
  assert.equal(xds.blastRadius, files.blastRadius);
  assert.equal(sidecars(xds.blastRadius.changed), everyZone("gateway-v1"));
});

const texts = (d: MeshDiff) => d.changes.map((c) => `${c.risky ? "! " : ""}${c.text}`);
const sidecars = (refs: readonly { workload: string; zone: string }[]) => refs.map((s) => `${s.workload}@${s.zone}`);
const everyZone = (w: string) => ["cn-bj2-02", "cn-bj2-03", "cn-bj2-05"].map((z) => `${w}@${z}`);

test("weight shift: one line in the issue's words; only the callers' sidecars change", async () => {
  const d = await diffOf("teams/shop.ts", (t) => t.replace("to: { v1: 90, v2: 10 }", "to: { v1: 50, v2: 50 }"));
  assert.equal(texts(d), ["orders: v1 90→50, v2 10→50 for every caller"]);
  assert.equal(sidecars(d.blastRadius.changed), everyZone("gateway-v1"));
  assert.is(d.blastRadius.total, 39);
  // The model and the callers' Envoy files change (and whatever packages them); no capture rule does.
  assert.ok(d.files!.changed.includes("model.json"));
  assert.not.ok(d.files!.changed.some((p) => p.startsWith("capture/")));
});

test("new route: added at its position, with what it takes and where it sends it", async () => {
  const d = await diffOf("teams/edge.ts", (t) => t.replace('{ name: "weighted-canary"', '{ name: "beta-path", when: { path: { prefix: "/beta/" } }, to: "v2" },\n    { name: "weighted-canary"'));
  assert.equal(texts(d), ['search: route \'beta-path\' added at position 2: path under "/beta/" → v2']);
  assert.equal(sidecars(d.blastRadius.changed), everyZone("gateway-v1"));
});

test("widened access: flagged risky; the callee's own sidecars change (its RBAC filter)", async () => {
  const d = await diffOf("teams/finance.ts", (t) => t.replace("access: { allowFrom: [svc.orders], mtls: \"strict\" }", "access: { allowFrom: [svc.orders, svc.gateway], mtls: \"strict\" }"));
  assert.equal(texts(d), ["! payments: access widened: now also admits gateway"]);
  assert.is(d.risky, 1);
  assert.equal(sidecars(d.blastRadius.changed), [...everyZone("payments-v1"), ...everyZone("payments-v2")]);
  const narrowed = await diffOf("teams/edge.ts", (t) => t.replace("  replicas: 3,", "  replicas: 3,\n  access: { allowFrom: [svc.search] },"));
  assert.equal(texts(narrowed), ["gateway: access narrowed: now admits only search (was every service)"]);
  assert.is(narrowed.risky, 0);
});

test("new drill: listed, off until a build names it; switched on, it reaches the callers in its zone only", async () => {
  const edit = (t: string) => t.replace('drills: {', 'drills: {\n    "pricing-down": { target: svc.pricing, abort: { status: 503, percent: 100 }, zones: ["cn-bj2-05"] },');
  const off = await diffOf("mesh.ts", edit);
  assert.equal(texts(off), ["drill 'pricing-down' added (pricing: abort with 503 on 100%, from every caller, for callers in cn-bj2-05; off until a build names it)"]);
  assert.equal(off.blastRadius.changed, []);
  // The build has the drill switched on: only the head defines it, so the base is built without it.
  const base = await side(baseEntry(), "base");
  const head = await side(revision("mesh.ts", edit), "head", ["pricing-down"]);
  const on = semanticDiff(base, head, ["pricing-down"]);
  assert.equal(sidecars(on.blastRadius.changed), ["orders-v1@cn-bj2-05", "orders-v2@cn-bj2-05"]);
});

test("new service: its sidecars are new, its callers' sidecars change; the rest is untouched", async () => {
  const d = await diffOf("teams/shop.ts", (t) =>
    t.replace("calls: [svc.inventory, svc.pricing, svc.payments, svc.accounts],", "calls: [svc.inventory, svc.pricing, svc.payments, svc.accounts, svc.reviews],") +
      '\nexport const reviews = service("reviews", { namespace: "shop", ports: { http: 8080 }, access: { allowFrom: [svc.orders] } });\n',
  );
  assert.equal(texts(d), ["orders: calls +reviews", "service 'reviews' added (namespace shop; versions v1; ports http 8080; admits orders; called by orders)"]);
  assert.equal(sidecars(d.blastRadius.added), everyZone("reviews-v1"));
  assert.equal(sidecars(d.blastRadius.changed), [...everyZone("orders-v1"), ...everyZone("orders-v2")]);
  assert.equal(d.blastRadius.byZone.map((z) => [z.zone, z.changed, z.added]), [["cn-bj2-02", 2, 1], ["cn-bj2-03", 2, 1], ["cn-bj2-05", 2, 1]]);
  assert.ok(d.files!.added.some((p) => p.startsWith("capture/reviews/")));
});

test("timeouts, retries, limits and ejection: each worded as before→after", async () => {
  const d = await diffOf("teams/shop.ts", (t) =>
    t.replace('timeout: "2s",', 'timeout: "1500ms",').replace("eject: { consecutive5xx: 5,", "eject: { consecutive5xx: 3,").replace("maxConnections: 1024,", "maxConnections: 512,"),
  );
  assert.equal(texts(d).sort(), ["orders: ejection consecutive5xx 5→3", "orders: limits maxConnections 1024→512", "orders: timeout 2000→1500 ms (every route)"]);
  assert.equal(sidecars(d.blastRadius.changed), everyZone("gateway-v1"));
});

test("no change: nothing to say, no sidecar, only nothing", async () => {
  const base = await side(baseEntry(), "base");
  const d = semanticDiff(base, base);
  assert.equal([d.changes, d.blastRadius.changed, d.files!.changed], [[], [], []]);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
