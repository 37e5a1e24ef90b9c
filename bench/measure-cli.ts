// The default CLI path, end to end, as users run it: a child process running `meshc build <entry> --out <dir>`
// with every default on (tsc7 type check, semantic checks, every target, Envoy validation, the atomic write).
// Wall time, the child's CPU time, and its peak resident set: GNU time's %M is the largest resident set of
// any process it waited for, so the node process or tsc7, whichever is larger (the two run side by side).
//   node --import tsx bench/measure-cli.ts --size 1000 [--seed 1] [--warm] [--profile <dir>] [--trace-gc] [--heap <MiB>] [--compile-timeout <ms>] [--timeout <ms>] [--delivery files|xds]
// The validation cache ($XDG_CACHE_HOME/meshc) starts empty in a folder of this run's own, so the first build is
// a first build on a fresh machine; --warm runs `meshc build` a second time into the same --out (the rebuild a
// user makes next: warm cache, an earlier output to replace) and checks that the two outputs are byte-identical.
// --profile writes the first build's V8 CPU profile (node --cpu-prof) there, and its phases (profile-phases.ts)
// go into the result. --trace-gc runs the first build with V8's --trace-gc and sums its lines: how many scavenges
// and mark-compacts, and their pauses on the thread that ran them (concurrent marking is not in them). --heap raises Node's heap limit (NODE_OPTIONS=--max-old-space-size), for a mesh whose
// output does not fit the default ~4 GiB: the result says so. --timeout is meshc's sandbox limit (wall time, default
// 15 s), which a 10 000-service policy's evaluation exceeds on a 2-core machine at a load average of 7 or more.
// --delivery xds builds for xDS delivery (`--delivery xds --xds-image meshc-bench/serve:0`: the image is only named).
// `byKind` splits the output by file name (every path, and on disk, each inode once), which is where the bytes go.
// Prints one JSON line. Measured after the mesh is written, so generation is not in the numbers.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateMesh, writeMesh } from "./generate";
import { phasesOf } from "./profile-phases";

const { values } = parseArgs({ options: { size: { type: "string" }, seed: { type: "string", default: "1" }, warm: { type: "boolean", default: false }, profile: { type: "string" }, "trace-gc": { type: "boolean", default: false }, heap: { type: "string" }, "compile-timeout": { type: "string" }, timeout: { type: "string" }, delivery: { type: "string", default: "files" } } });
const size = Number(values.size);
const TIME = "/usr/bin/time";

interface KindSize {
  files: number;
  bytes: number;
  inodes: number;
  inodeBytes: number;
}

interface FolderSize {
  /** Paths (every hard link counted). */
  files: number;
  /** Bytes per path: what a reader of the folder sees. */
  bytes: number;
  /** Distinct files by inode, and their bytes: what the folder takes on disk, each hard link once. */
  inodes: number;
  inodeBytes: number;
  /** sha256 over every path and its content, in path order: equal for byte-identical outputs. */
  digest: string;
  /** The same counts by file name (`cds.yaml`, `init.sh`, …; a Kubernetes service file is `<service>.yaml`). */
  byKind: Record<string, KindSize>;
}

/** The kind of an output path: its file name, except the per-service object files and Istio files, grouped. */
function kindOf(rel: string, name: string): string {
  if (/^kubernetes\/[^/]+\/[^/]+\.yaml$/.test(rel + name) && !["kustomization.yaml", "namespaces.yaml", "meshc-xds.yaml"].includes(name)) return "kubernetes/<service>.yaml";
  if (rel.startsWith("istio/")) return "istio/*";
  return name;
}

function folderSize(root: string): FolderSize {
  const size: FolderSize = { files: 0, bytes: 0, inodes: 0, inodeBytes: 0, digest: "", byKind: {} };
  const seen = new Set<number>();
  const hash = createHash("sha256");
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        walk(path, `${rel}${name}/`);
        continue;
      }
      const kind = (size.byKind[kindOf(rel, name)] ??= { files: 0, bytes: 0, inodes: 0, inodeBytes: 0 });
      size.files++;
      size.bytes += stat.size;
      kind.files++;
      kind.bytes += stat.size;
      if (!seen.has(stat.ino)) {
        seen.add(stat.ino);
        size.inodes++;
        size.inodeBytes += stat.size;
        kind.inodes++;
        kind.inodeBytes += stat.size;
      }
      hash.update(`${rel}${name}\0${stat.size}\0`).update(readFileSync(path));
    }
  };
  walk(root, "");
  size.digest = hash.digest("hex");
  return size;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  loadAtStart: number;
  loadAtEnd: number;
}

/** What V8's --trace-gc printed: per kind, how many collections and the sum of their pauses. */
function gcSummary(stdout: string): Record<string, { count: number; pauseMs: number }> {
  const kinds: Record<string, { count: number; pauseMs: number }> = {};
  for (const m of stdout.matchAll(/^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (Scavenge|Mark-Compact|Mark-sweep|Mark-Compact \(reduce\)|Minor Mark-Compact)\b.*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/gm)) {
    const kind = (kinds[m[1]!] ??= { count: 0, pauseMs: 0 });
    kind.count++;
    kind.pauseMs += Number(m[2]);
  }
  for (const k of Object.values(kinds)) k.pauseMs = Math.round(k.pauseMs);
  return kinds;
}

function meshcBuild(entry: string, out: string, env: NodeJS.ProcessEnv, profile?: string, traceGc = false): (Run & { gc?: ReturnType<typeof gcSummary> }) | { error: string[] } {
  // V8's flags on node's command line: NODE_OPTIONS refuses --trace-gc.
  const node = [process.execPath, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []), ...(traceGc ? ["--trace-gc"] : [])];
  const loadAtStart = loadavg()[0]!;
  const started = performance.now();
  const budget = [...(values["compile-timeout"] ? ["--compile-timeout", values["compile-timeout"]] : []), ...(values.timeout ? ["--timeout", values.timeout] : [])];
  const delivery = values.delivery === "xds" ? ["--delivery", "xds", "--xds-image", "meshc-bench/serve:0"] : [];
  const r = spawnSync(TIME, ["-f", "MESHC-TIME %e %U %S %M", ...node, join(__dirname, "../bin/meshc.js"), "build", entry, "--out", out, ...budget, ...delivery], { encoding: "utf8", maxBuffer: 256 << 20, env });
  const wallMs = performance.now() - started;
  const line = /MESHC-TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  // The diagnostics' headlines (`file:line:col  error MESHnnn  …`) say why a build failed; GNU time's line what it cost.
  const said = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => / {2}error [A-Z]+\d+ {2}/.test(l)).slice(0, 3);
  if (r.status !== 0 || !line) return { error: [`exit ${r.status}: ${[...said, ...r.stderr.trim().split("\n").slice(-3)].join(" ")}`] };
  return { wallMs, cpuMs: (Number(line[2]) + Number(line[3])) * 1000, peakRssMb: Number(line[4]) / 1024, loadAtStart, loadAtEnd: loadavg()[0]!, ...(traceGc ? { gc: gcSummary(r.stdout) } : {}) };
}

function main(): object {
  if (!existsSync(TIME)) return { size, mode: "cli", error: [`${TIME} (GNU time) is needed to read the child's peak memory`] };
  const work = mkdtempSync(join(tmpdir(), `meshc-cli-${size}-`));
  try {
    const mesh = generateMesh({ services: size, seed: Number(values.seed) });
    writeMesh(join(work, "policy"), mesh.files);
    const entry = join(work, "policy", mesh.entry);
    const out = join(work, "out");
    const heap = values.heap ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${values.heap}`.trim() } : {};
    const env = { ...process.env, XDG_CACHE_HOME: join(work, "cache"), ...heap };
    // Each build starts with the disk's write-back done: the warm build, right after the first one's ~460 MB at
    // N = 1 000, read 20.4 s in one run and 8.8 s run on its own.
    const settle = () => spawnSync("sync");
    settle();
    const first = meshcBuild(entry, out, env, values.profile, values["trace-gc"]);
    const options = { delivery: values.delivery, ...(values.heap ? { heapMb: Number(values.heap) } : {}), ...(values["compile-timeout"] ? { compileTimeoutMs: Number(values["compile-timeout"]) } : {}), ...(values.timeout ? { sandboxTimeoutMs: Number(values.timeout) } : {}) };
    if ("error" in first) return { size, mode: "cli", ...options, ...first };
    const written = folderSize(out);
    const { digest, ...counts } = written;
    // Node writes a profile per thread: the command's thread (or, before it had one, the main thread) is the largest.
    const profiles = values.profile ? readdirSync(values.profile).filter((f) => f.endsWith(".cpuprofile")) : [];
    const profile = profiles.sort((a, b) => statSync(join(values.profile!, b)).size - statSync(join(values.profile!, a)).size)[0];
    const phases = profile ? { profilePhasesMs: phasesOf(JSON.parse(readFileSync(join(values.profile!, profile), "utf8"))) } : {};
    const result = { size, mode: "cli", ...options, ...first, ...counts, outputBytes: written.bytes, outputDigest: digest, ...phases };
    if (!values.warm) return result;
    settle();
    const warm = meshcBuild(entry, out, env);
    if ("error" in warm) return { ...result, warm };
    return { ...result, warm: { ...warm, identical: folderSize(out).digest === digest } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(main()) + "\n");
