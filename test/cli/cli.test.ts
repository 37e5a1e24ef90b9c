// The CLI's contract: exit statuses 0/1/2, a one-line summary, atomic and byte-identical output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createHash } from "node:crypto";
import { main } from "../../compiler/cli/main";

const root = resolve(__dirname, "../..");
const example = join(root, "examples/uaek/mesh.ts");

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(join(d, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(d, entry.name), "utf8");
    }
  };
  walk(dir, "");
  return files;
}

const scratch = mkdtempSync(join(tmpdir(), "meshc-cli-"));

test("check on the example: exit 0 and a one-line summary", async () => {
  const r = await run("check", example);
  assert.is(r.code, 0, r.err);
  assert.is(r.err, "");
  assert.match(r.out, /^uaek: 9 services, 13 workloads, 3 zones, 8 routing tests \(0 errors, 0 warnings\)\n$/);
});

test("build --istio-api writes the Istio objects in that version; an unknown version is a usage error", async () => {
  const out = join(scratch, "istio-v1beta1");
  const r = await run("build", example, "--out", out, "--checker", "none", "--istio-api", "v1beta1");
  assert.is(r.code, 0, r.err);
  const files = tree(out);
  const orders = files["istio/cn-bj2-02/orders.yaml"]!;
  assert.match(orders, /^apiVersion: networking\.istio\.io\/v1beta1\nkind: DestinationRule$/m);
  assert.match(orders, /^apiVersion: security\.istio\.io\/v1beta1\nkind: AuthorizationPolicy$/m);
  assert.match(r.out + r.err, /warning MESH861/, "telemetry before 1.11 is named");
  assert.is((await run("build", example, "--out", join(scratch, "istio-v2"), "--checker", "none", "--istio-api", "v2")).code, 2);
  assert.not.ok(existsSync(join(scratch, "istio-v2")));
});

test("build writes the model and a manifest whose hashes match; two builds are byte-identical", async () => {
  const a = join(scratch, "a");
  const b = join(scratch, "b");
  assert.is((await run("build", example, "--out", a)).code, 0);
  assert.is((await run("build", example, "--out", b, "--checker", "none")).code, 0);
  const ta = tree(a);
  assert.equal(ta, tree(b));
  assert.ok(ta["model.json"]);
  const manifest = JSON.parse(ta["manifest.json"]!) as { files: { path: string; sha256: string }[] };
  assert.ok(manifest.files.length >= 1);
  for (const f of manifest.files) assert.is(createHash("sha256").update(ta[f.path]!).digest("hex"), f.sha256, f.path);
  assert.equal(Object.keys(ta).sort(), [...manifest.files.map((f) => f.path), "manifest.json"].sort());
});

test("a failing build leaves the previous output untouched and writes nothing", async () => {
  const out = join(scratch, "keep");
  assert.is((await run("build", example, "--out", out)).code, 0);
  const before = tree(out);
  const bad = join(scratch, "bad");
  cpSync(join(root, "examples/uaek"), bad, { recursive: true });
  writeFileSync(join(bad, "mesh.ts"), readFileSync(join(bad, "mesh.ts"), "utf8").replace('timeout: "3s"', 'timeout: "3 seconds"'));
  const r = await run("build", join(bad, "mesh.ts"), "--out", out, "--checker", "none");
  assert.is(r.code, 1);
  assert.match(r.err, /mesh\.ts:\d+:\d+  error MESH013/);
  assert.equal(tree(out), before);
  assert.equal(readdirSync(scratch).filter((n) => n.startsWith(".keep")), []);
});

test("--json: a stable document with code, severity, message, file, line, column", async () => {
  const bad = join(scratch, "bad-json");
  cpSync(join(root, "examples/uaek"), bad, { recursive: true });
  writeFileSync(join(bad, "mesh.ts"), readFileSync(join(bad, "mesh.ts"), "utf8").replace('timeout: "3s"', 'timeout: "3 seconds"'));
  const r = await run("check", join(bad, "mesh.ts"), "--json", "--checker", "none");
  assert.is(r.code, 1);
  const doc = JSON.parse(r.out) as { ok: boolean; diagnostics: { code: string; file: string; line: number; column: number }[] };
  assert.is(doc.ok, false);
  const d = doc.diagnostics.find((x) => x.code === "MESH013")!;
  assert.ok(d, r.out);
  assert.ok(d.file.endsWith("mesh.ts") && d.line > 0 && d.column > 0);
});

test("usage errors exit 2: missing entry, bad flag, unknown command, missing --out", async () => {
  assert.is((await run("check", join(scratch, "nope.ts"))).code, 2);
  assert.is((await run("check", example, "--frobnicate")).code, 2);
  assert.is((await run("deploy")).code, 2);
  assert.is((await run("build", example)).code, 2);
  assert.is((await run("check", example, "--checker", "tsc9")).code, 2);
});

test("--help exits 0 and lists the commands", async () => {
  const r = await run("--help");
  assert.is(r.code, 0);
  for (const c of ["check", "build", "types"]) assert.match(r.out, c);
});

test("an unknown --drill is an error naming the defined drills", async () => {
  const r = await run("build", example, "--out", join(scratch, "drill"), "--drill", "nope", "--checker", "none");
  assert.is(r.code, 1);
  assert.match(r.err, /MESH500/);
  assert.match(r.err, /inventory-slow/);
  assert.not.ok(existsSync(join(scratch, "drill")));
});

test("validate: a build's Envoy output passes; a mutated anchor config fails with the field path; nothing to check is exit 2", async () => {
  const out = join(scratch, "validate");
  assert.is((await run("build", example, "--out", out, "--checker", "none")).code, 0);
  const ok = await run("validate", join(out, "envoy"));
  assert.is(ok.code, 0, ok.err);
  assert.match(ok.out, /^\d+ Envoy documents checked \(0 errors, 0 warnings\)\n$/);
  const anchor = readFileSync(join(root, "../shared/anchors/envoy-configs/front-proxy.envoy.yaml"), "utf8");
  const bad = join(scratch, "bad-bootstrap.yaml");
  writeFileSync(bad, anchor.replace(/port_value: \d+/, "port_value: 70000"));
  const r = await run("validate", bad, "--kind", "bootstrap", "--json");
  assert.is(r.code, 1);
  const doc = JSON.parse(r.out) as { diagnostics: { code: string; message: string; line: number }[] };
  assert.ok(doc.diagnostics.some((d) => d.message.includes("port_value") && d.message.includes("65535")), r.out);
  assert.is((await run("validate", join(root, "docs"))).code, 2);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
