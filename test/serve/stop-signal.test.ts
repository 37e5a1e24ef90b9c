// A real `meshc serve` (and `meshc build --watch`) child process stopped by SIGTERM, as Kubernetes stops a pod's
// containers: it closes its streams (a connected ADS client sees its stream end, not hang), its esbuild
// service processes exit with it, and it exits 0 without esbuild's "all goroutines are asleep" dying words.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CLUSTER_TYPE } from "../../compiler/api";
import { adsClient, node, openStream } from "./ads-client";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-serve-signal-"));
const policy = join(scratch, "policy");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const entry = join(policy, "mesh.ts");

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function meshc(...args: string[]): Running {
  const child = spawn(process.execPath, [join(root, "bin/meshc.js"), ...args], { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The process's children, from /proc (pid, command name). */
function childrenOf(pid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push({ pid: Number(name), comm: readFileSync(`/proc/${name}/comm`, "utf8").trim() });
    } catch {
      // it exited while we read
    }
  }
  return out;
}

/** Gone, or a zombie waiting for whoever inherited it: either way it no longer runs. */
function stopped(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

test("meshc serve: SIGTERM closes the open ADS streams and the esbuild service, and exits 0", async () => {
  const serve = meshc("serve", entry, "--zone", "cn-bj2-02", "--listen", "[::1]:0", "--checker", "none");
  const port = Number(await until("the server to listen", () => /on port (\d+)/.exec(serve.stdout())?.[1]));
  const esbuild = childrenOf(serve.child.pid!).filter((c) => c.comm === "esbuild");
  assert.ok(esbuild.length > 0, "the server runs esbuild's service (its kept bundler)");

  const client = adsClient(port);
  const stream = openStream(client, "DeltaAggregatedResources");
  stream.send({ node: node("gateway", "v1", "edge", "cn-bj2-02"), type_url: CLUSTER_TYPE });
  const cds = await stream.next();
  assert.is(cds.type_url, CLUSTER_TYPE, "the stream is served before the signal");

  serve.child.kill("SIGTERM");
  const ended = await stream.next();
  assert.instance(ended, Error, "the server ended the stream");
  client.close();
  const exit = await serve.exited;
  assert.equal(exit, { code: 0, signal: null }, serve.stderr());
  assert.match(serve.stderr(), /SIGTERM: closing the streams/);
  assert.not.match(serve.stderr(), /deadlock|goroutine/);
  await until("esbuild's service to exit", () => (esbuild.every((c) => stopped(c.pid)) ? true : undefined), 10_000);
});

test("meshc build --watch: SIGTERM stops the watch and exits 0", async () => {
  const watch = meshc("build", entry, "--out", join(scratch, "out"), "--watch", "--checker", "none");
  await until("the first build", () => (/\(0 errors/.test(watch.stdout()) ? true : undefined), 120_000);
  const esbuild = childrenOf(watch.child.pid!).filter((c) => c.comm === "esbuild");
  watch.child.kill("SIGTERM");
  const exit = await watch.exited;
  assert.equal(exit, { code: 0, signal: null }, watch.stderr());
  assert.not.match(watch.stderr(), /deadlock|goroutine/);
  await until("esbuild's service to exit", () => (esbuild.every((c) => stopped(c.pid)) ? true : undefined), 10_000);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
