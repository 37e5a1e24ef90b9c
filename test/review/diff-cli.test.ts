// `meshc diff` on the command line: build output folders and entries give the same answer; `--git <rev>` builds
// the policy at a revision of a real git repository; the Markdown comment stays under GitHub's limit and points
// at the attached JSON when it had to cut; bad sides are usage errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { main } from "../../compiler/cli/main";
import { COMMENT_LIMIT, diffMarkdown } from "../../compiler/review/diff/render-markdown";
import { unpinnedExample } from "../example-copy";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-diff-cli-"));
// The base side: the example without the pinned split that the head shifts (unpinned-example.ts).
const example = unpinnedExample(join(scratch, "base"));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function weightShift(dir: string): void {
  const shop = join(dir, "teams/shop.ts");
  writeFileSync(shop, readFileSync(shop, "utf8").replace("to: { v1: 90, v2: 10 }", "to: { v1: 50, v2: 50 }"));
}

test("build output folders and entry files: the same changes, blast radius and files", async () => {
  const head = join(scratch, "head");
  unpinnedExample(head);
  weightShift(head);
  assert.is((await run("build", example, "--out", join(scratch, "out-base"), "--checker", "none")).code, 0);
  assert.is((await run("build", join(head, "mesh.ts"), "--out", join(scratch, "out-head"), "--checker", "none")).code, 0);
  const folders = await run("diff", join(scratch, "out-base"), join(scratch, "out-head"), "--format", "json");
  const entries = await run("diff", example, join(head, "mesh.ts"), "--format", "json");
  assert.is(folders.code, 0, folders.err);
  assert.is(entries.code, 0, entries.err);
  const a = JSON.parse(folders.out);
  const b = JSON.parse(entries.out);
  assert.equal([a.changes, a.blastRadius, a.files], [b.changes, b.blastRadius, b.files]);
  assert.equal(a.changes.map((c: { text: string }) => c.text), ["orders: v1 90→50, v2 10→50 for every caller"]);
  const text = await run("diff", join(scratch, "out-base"), join(scratch, "out-head"));
  assert.match(text.out, /^ {2}orders: v1 90→50, v2 10→50 for every caller$/m);
  assert.match(text.out, /^blast radius: 3 of 39 sidecars \(workload × zone\) get new config, in 1 workload$/m);
  assert.match(text.out, /^ {2}M envoy\/gateway\/cn-bj2-02\/lds\.yaml$/m);
});

test("--git <rev>: the policy at a revision of its repository against the working tree", async () => {
  const repo = join(scratch, "repo");
  unpinnedExample(join(repo, "policy"));
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=meshc test", "-c", "user.email=test@meshc.invalid", ...args], { cwd: repo, encoding: "utf8" });
  assert.is(git("init", "-q").status, 0);
  assert.is(git("add", "-A").status, 0);
  assert.is(git("commit", "-qm", "base").status, 0);
  weightShift(join(repo, "policy"));
  const r = await run("diff", "--git", "HEAD", join(repo, "policy/mesh.ts"), "--format", "markdown");
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /^### meshc diff: `git:HEAD` → /);
  assert.match(r.out, /^- orders: v1 90→50, v2 10→50 for every caller$/m);
  assert.match(r.out, /^\| cn-bj2-03 \| 1 \| 0 \| 0 \|$/m);
  assert.is(git("status", "--porcelain").stdout.trim(), "M policy/teams/shop.ts", "the repository is left as it was");
  assert.is(git("worktree", "list").stdout.trim().split("\n").length, 1);
  const unknown = await run("diff", "--git", "no-such-rev", join(repo, "policy/mesh.ts"));
  assert.equal([unknown.code, unknown.err], [2, "meshc: unknown git revision 'no-such-rev'\n"]);
  assert.is((await run("diff", "--git", "--upload-pack=x", join(repo, "policy/mesh.ts"))).code, 2);
});

test("Markdown: a mesh-wide change at 150 services stays under GitHub's comment limit; the JSON has it all", async () => {
  const mesh = generateMesh({ services: 150, seed: 9 });
  const base = join(scratch, "gen-base");
  const head = join(scratch, "gen-head");
  writeMesh(base, mesh.files);
  writeMesh(head, mesh.files);
  const entry = join(head, mesh.entry);
  const text = readFileSync(entry, "utf8");
  // Reversing the zone order changes every sidecar's failover priorities: every file differs.
  const zones = /zones: \[([^\]]*)\]/.exec(text)!;
  writeFileSync(entry, text.replace(zones[0], `zones: [${zones[1]!.split(",").map((z) => z.trim()).reverse().join(", ")}]`));
  const attach = join(scratch, "diff.json");
  const r = await run("diff", join(base, mesh.entry), entry, "--format", "markdown", "--attach", attach);
  assert.is(r.code, 0, r.err);
  assert.ok(r.out.length < COMMENT_LIMIT, `${r.out.length} characters`);
  const full = JSON.parse(readFileSync(attach, "utf8"));
  // The same diff under a tighter limit: the lists are cut, and the cut points at the attachment.
  const cut = diffMarkdown(full, "diff.json", 12_000);
  assert.ok(cut.length < 12_000, `${cut.length} characters`);
  assert.match(cut, /^- … \d+ more in the attached `diff\.json`$/m);
  assert.match(cut, /zones zone-a, zone-b, zone-c→zone-c, zone-b, zone-a/);
  assert.is(full.blastRadius.changed.length, full.blastRadius.total);
  assert.ok(full.files.changed.length > 800);
  assert.ok(full.changes.some((c: { text: string }) => c.text.startsWith("zones ")));
});

test("usage: a missing side, a folder that is not a build, one side only", async () => {
  assert.is((await run("diff", example, join(scratch, "missing"))).code, 2);
  const r = await run("diff", example, scratch);
  assert.is(r.code, 2);
  assert.match(r.err, /without model\.json/);
  assert.is((await run("diff", example)).code, 2);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
