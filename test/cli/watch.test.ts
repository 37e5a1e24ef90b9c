// `meshc build --watch`: after a change to a team file, only the files that changed are replaced, and the
// output equals what a fresh full build of the changed policy writes. A change with errors keeps the output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../../compiler/build";
import { watchBuild } from "../../compiler/cli/watch-command";
import type { IncrementalResult } from "../../compiler/watch";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-watch-"));
const policy = join(scratch, "policy");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const entry = join(policy, "mesh.ts");
const out = join(scratch, "out");

function tree(dir: string, prefix = ""): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) for (const [k, v] of tree(join(dir, e.name), `${prefix}${e.name}/`)) files.set(k, v);
    else files.set(`${prefix}${e.name}`, readFileSync(join(dir, e.name), "utf8"));
  }
  return files;
}

test("a team-file change rewrites only what changed, and the result equals a full build", async () => {
  const stop = new AbortController();
  const results: { result: IncrementalResult; wrote: boolean }[] = [];
  const waitFor = (n: number) => new Promise<void>((done) => {
    const poll = setInterval(() => { if (results.length >= n) { clearInterval(poll); done(); } }, 20);
  });
  const watching = watchBuild({
    build: { entry, checker: "none" },
    out,
    signal: stop.signal,
    onBuild: (result, wrote) => results.push({ result, wrote }),
    onError: (error) => { throw error; },
  });
  await waitFor(1);
  assert.ok(results[0]!.wrote);
  const ledger = join(out, "envoy/ledger/cn-bj2-02/lds.yaml");
  const untouched = statSync(ledger).mtimeMs;

  const shop = join(policy, "teams/shop.ts");
  writeFileSync(shop, readFileSync(shop, "utf8").replace('["1001", "1002", "1003"]', '["1001", "1002"]'));
  await waitFor(2);
  const second = results[1]!;
  assert.ok(second.wrote, second.result.diagnostics.map((d) => d.message).join("; "));
  assert.ok(second.result.changed.length > 0 && second.result.changed.length < 40, `${second.result.changed.length} files changed`);
  // A zone's kustomization changes with the name of any ConfigMap it generates (here gateway's Envoy one).
  assert.ok(second.result.changed.every((p) => p === "model.json" || p === "manifest.json" || p.endsWith("/kustomization.yaml") || p.includes("gateway") || p.includes("orders")), second.result.changed.join(", "));
  assert.is(statSync(ledger).mtimeMs, untouched, "a sidecar that does not call orders was not rewritten");

  const full = await build({ entry, checker: "none" });
  const expected = new Map(full.artifacts!.map((a) => [a.path, a.content]));
  assert.equal(tree(out), expected);

  writeFileSync(shop, readFileSync(shop, "utf8").replace('timeout: "2s"', 'timeout: "2 seconds"'));
  await waitFor(3);
  assert.not.ok(results[2]!.wrote);
  assert.ok(results[2]!.result.diagnostics.some((d) => d.code === "MESH013"));
  assert.equal(tree(out), expected, "the output is kept when the policy has errors");

  stop.abort();
  await watching;
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
