// A pod and a client in two network namespaces joined by a veth pair, both families (IPv6 with `nodad`, so
// the addresses are usable at once), plus the stub processes and the commands the kernel tests run in them.
// Every namespace name carries the test process id, and teardown() kills what it started and deletes the
// namespaces; it also runs on process exit, so a failing test leaves nothing behind.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Test } from "uvu";
import { CAPTURE_RUNTIME_SCRIPT } from "../../../targets/capture";
import { CAPTURE_RUNTIME } from "../../../targets/sidecar-layout";

export const STUB = join(__dirname, "capture-stub.py");
/** Runs a command as on a kernel without legacy iptables (see the file). */
export const NO_LEGACY_KERNEL = join(__dirname, "no-legacy-kernel.py");

/** The interpreter itself, not a version-manager shim that would add a second of start-up to every call. */
let python: string | undefined;
export function pythonPath(): string {
  python ??= spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim() || "python3";
  return python;
}

export const POD = { ipv4: "10.200.0.2", ipv6: "fd00:200::2" } as const;
export const CLIENT = { ipv4: "10.200.0.1", ipv6: "fd00:200::1" } as const;
/** A second client address, inside the excluded outbound CIDRs of the kernel fixture. */
export const EXCLUDED = { ipv4: "10.200.0.3", ipv6: "fd00:200::3" } as const;

const TOOLS = ["ip", "iptables-legacy", "ip6tables-legacy", "iptables-nft", "ip6tables-nft", "nft", "python3"];

/** Why the kernel tests cannot run here, or null when they can. */
export function kernelSkipReason(): string | null {
  if (process.platform !== "linux") return "kernel tests need Linux network namespaces";
  if (process.getuid?.() !== 0) return "kernel tests need root (CAP_NET_ADMIN) to create network namespaces; run them as root, as CI does";
  const missing = TOOLS.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
  if (missing.length) return `kernel tests need ${missing.join(", ")} (apt-get install iptables nftables iproute2 python3)`;
  return null;
}

/**
 * The suite's `test`, or its `skip` when the kernel tests cannot run here (the runner counts skips). Under CI
 * a skip is a failure: the issue requires these tests to run there, so a missing package or a non-root
 * runner must turn CI red rather than quietly prove nothing.
 */
export function kernelSuite(base: Test): Test {
  const reason = kernelSkipReason();
  if (!reason) return base;
  if (process.env.CI) {
    base("the kernel tests can run in CI", () => {
      throw new Error(`CI must run the kernel capture tests, but ${reason}`);
    });
  } else {
    console.log(`SKIPPED kernel capture tests: ${reason}`);
  }
  return base.skip as unknown as Test;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(argv: readonly string[], env?: NodeJS.ProcessEnv): Run {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", env: env ?? process.env, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

export function must(argv: readonly string[]): string {
  const r = run(argv);
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

let counter = 0;
const live = new Set<PodNetwork>();
process.on("exit", () => {
  for (const net of live) net.teardown();
});

export interface Reply {
  readonly name: string;
  readonly port: number;
  readonly peer: [string, number];
  readonly local?: [string, number];
  readonly original?: [string, number] | string;
}

export interface Outcome {
  readonly target: string;
  readonly reply?: Reply | null;
  readonly error?: string;
}

export class PodNetwork {
  readonly pod: string;
  readonly client: string;
  readonly dir: string;
  private readonly processes: ChildProcess[] = [];

  constructor(tag: string) {
    const id = `${process.pid}-${++counter}`;
    this.pod = `meshc-${tag}-${id}-pod`;
    this.client = `meshc-${tag}-${id}-client`;
    this.dir = mkdtempSync(join(tmpdir(), "meshc-capture-"));
    live.add(this);
    const vp = `mp${id}`.slice(0, 15);
    const vc = `mc${id}`.slice(0, 15);
    must(["ip", "netns", "add", this.pod]);
    must(["ip", "netns", "add", this.client]);
    must(["ip", "link", "add", vp, "netns", this.pod, "type", "veth", "peer", "name", vc, "netns", this.client]);
    for (const [ns, dev, addresses] of [
      [this.pod, vp, [`${POD.ipv4}/24`, `${POD.ipv6}/64`]],
      [this.client, vc, [`${CLIENT.ipv4}/24`, `${EXCLUDED.ipv4}/24`, `${CLIENT.ipv6}/64`, `${EXCLUDED.ipv6}/64`]],
    ] as const) {
      must(["ip", "-n", ns, "link", "set", "lo", "up"]);
      for (const a of addresses) {
        // The second client address is deprecated so replies from the client's wildcard sockets keep the
        // first as their source (RFC 6724 rule 3), as the IPv4 secondary address does.
        const flags = a.includes(":") ? ["nodad", ...(a.startsWith(EXCLUDED.ipv6) ? ["preferred_lft", "0"] : [])] : [];
        must(["ip", "-n", ns, "addr", "add", a, "dev", dev, ...flags]);
      }
      must(["ip", "-n", ns, "link", "set", dev, "up"]);
    }
  }

  /** Runs a command inside a namespace. */
  exec(ns: string, argv: readonly string[], env?: NodeJS.ProcessEnv): Run {
    return run(["ip", "netns", "exec", ns, ...argv], env);
  }

  /** Writes a script into the test's temporary folder and returns its path. */
  /**
   * Writes an init script as the build lays it out: in a service folder, with the capture runtime it sources
   * (the capture target's `capture/runtime.sh`) in the folder above. Returns the script's path.
   */
  writeScript(name: string, content: string, runtime: string = CAPTURE_RUNTIME_SCRIPT): string {
    mkdirSync(join(this.dir, "orders"), { recursive: true });
    writeFileSync(join(this.dir, CAPTURE_RUNTIME), runtime);
    const path = join(this.dir, "orders", name);
    writeFileSync(path, content);
    chmodSync(path, 0o755);
    return path;
  }

  /** Starts a stub server in a namespace (as `uid` when given) and waits until it listens. */
  async serve(ns: string, name: string, specs: readonly string[], uid?: number): Promise<void> {
    const as = uid === undefined ? [] : ["--uid", String(uid)];
    const child = spawn("ip", ["netns", "exec", ns, pythonPath(), STUB, "serve", ...as, name, ...specs], { stdio: ["ignore", "pipe", "pipe"] });
    this.processes.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = "";
      let err = "";
      child.stdout!.on("data", (d) => {
        out += d;
        if (out.includes("ready")) resolve();
      });
      child.stderr!.on("data", (d) => (err += d));
      child.on("exit", (code) => reject(new Error(`stub ${name} exited (${code}): ${err}`)));
    });
  }

  /** Connects from a namespace (as `uid`, from local port `sport`, when given) to each `tcp:HOST:PORT` / `udp:HOST:PORT`. */
  connect(ns: string, targets: readonly string[], uid?: number, sport?: number): Outcome[] {
    const options = [...(uid === undefined ? [] : ["--uid", String(uid)]), ...(sport === undefined ? [] : ["--sport", String(sport)])];
    const r = this.exec(ns, [pythonPath(), STUB, "connect", ...options, ...targets]);
    if (r.status !== 0) throw new Error(`connect failed: ${r.stderr}`);
    return r.stdout.trim().split("\n").map((line) => JSON.parse(line) as Outcome);
  }

  teardown(): void {
    if (!live.delete(this)) return;
    for (const p of this.processes) if (p.pid && p.exitCode === null) p.kill("SIGKILL");
    for (const ns of [this.pod, this.client]) spawnSync("ip", ["netns", "del", ns]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `tcp:HOST:PORT` with IPv6 hosts in brackets. */
export function tcp(host: string, port: number): string {
  return `tcp:${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export function udp(host: string, port: number): string {
  return `udp:${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Strips what differs between two identical rulesets: comments, counters, nft handles. */
export function normalizeRuleset(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.replace(/\[\d+:\d+\]/g, "[0:0]").replace(/counter packets \d+ bytes \d+/g, "counter").replace(/ # handle \d+$/, ""))
    .join("\n")
    .trim();
}
