// capture/runtime.sh, the part every init.sh sources (targets/capture/runtime-file.ts): init.sh finds it in the
// folder above its own, as the build and the pod lay them out, and stops before doing anything when it is
// missing or is not the runtime it was generated with. (The kernel tests run the pair for real.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCapture, CAPTURE_RUNTIME_SCRIPT } from "../../targets/capture";
import { meshModel, serviceModel } from "./model-fixture";

const artifacts = buildCapture(meshModel("dual", [serviceModel("orders", {}), serviceModel("billing", { mode: "tproxy" })]));
const script = artifacts.find((a) => a.path === "capture/orders/init.sh")!.content;

function layout(runtime: string | null): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), "meshc-runtime-"));
  mkdirSync(join(dir, "orders"));
  writeFileSync(join(dir, "orders", "init.sh"), script);
  if (runtime !== null) writeFileSync(join(dir, "runtime.sh"), runtime);
  return { dir, script: join(dir, "orders", "init.sh") };
}

function run(runtime: string | null, args: string[], cwd?: string) {
  const l = layout(runtime);
  try {
    const target = cwd === "in-folder" ? "init.sh" : l.script;
    return spawnSync("sh", [target, ...args], { encoding: "utf8", cwd: cwd === "in-folder" ? join(l.dir, "orders") : l.dir });
  } finally {
    rmSync(l.dir, { recursive: true, force: true });
  }
}

test("one runtime for the mesh, beside the service folders, and no copy of it in any init.sh", () => {
  const runtimes = artifacts.filter((a) => a.path.endsWith("/runtime.sh"));
  assert.equal(runtimes.map((a) => a.path), ["capture/runtime.sh"]);
  assert.is(runtimes[0]!.content, CAPTURE_RUNTIME_SCRIPT);
  for (const a of artifacts.filter((x) => x.path.endsWith("/init.sh"))) assert.not.ok(a.content.includes("meshc_apply_iptables()"), a.path);
});

test("init.sh sources ../runtime.sh, whether run by path or from its own folder", () => {
  for (const cwd of [undefined, "in-folder"]) {
    const r = run(CAPTURE_RUNTIME_SCRIPT, ["--help"], cwd);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, "usage: init.sh");
  }
});

test("a missing runtime stops init.sh before it does anything, naming the file", () => {
  const r = run(null, ["--cleanup"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, "meshc-capture(orders): error:");
  assert.match(r.stderr, "runtime.sh is missing");
  assert.is(r.stdout, "");
});

test("a runtime other than the one init.sh was generated with refuses to run", () => {
  const other = CAPTURE_RUNTIME_SCRIPT.replace("meshc_say()", "meshc_say_other() { :; }\nmeshc_say()");
  assert.ok(other !== CAPTURE_RUNTIME_SCRIPT);
  // Edited after its digest line, as another meshc's runtime differs: the digest line is what it checks first.
  const r = run(other.replace(/'[0-9a-f]{16}'/, "'0000000000000000'").replace(/\([0-9a-f]{16}\)/, "(0000000000000000)"), ["--help"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, "is not the one");
  assert.is(r.stdout, "");
});

test.run();
