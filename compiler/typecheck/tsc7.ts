// The native checker: TypeScript 7's `tsc` binary (the Go port), run as a child process on a tsconfig
// written to a temporary folder. The registry is written there too, so a stale meshc-env.d.ts next to the
// policy is never part of the program (unless a policy file references it explicitly; the fresh registry
// comes first in `files`, so for a service in both its current versions win the merge).
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { offsetOf } from "../diagnostics/position";
import { COMPILER_OPTIONS } from "./compiler-options";
import { policyFilePredicate } from "./policy-files";
import { REGISTRY_FILE } from "./registry";
import type { TypecheckInput } from "./typecheck-input";
import { parseTscOutput } from "./tsc-output";
import { tokenLength } from "./token-length";

let exePath: Promise<string> | undefined;

/**
 * The native executable, found the way the package's own `bin/tsc` finds it (lib/getExePath.js picks the
 * platform package, e.g. @typescript/typescript-linux-x64). Spawning it directly skips a Node start-up.
 */
export function tsc7Executable(): Promise<string> {
  exePath ??= (async () => {
    const packageDir = dirname(require.resolve("typescript7/package.json"));
    const loaded = (await import(pathToFileURL(join(packageDir, "lib", "getExePath.js")).href)) as {
      default: () => string;
    };
    return loaded.default();
  })();
  return exePath;
}

/**
 * TypeScript 7 checks with 4 checkers in parallel by default, and each resolves the shared types (the
 * registry, the team namespaces) again. On 2 cores that duplicated work outweighs the parallelism: at 10 000
 * services one checker took 25 s of CPU and 1.2 GB against 52 s and 1.9 GB (docs/dsl-types.md). With more
 * cores the default is kept until it is measured there.
 */
function checkerArgs(): string[] {
  return availableParallelism() <= 2 ? ["--checkers", "1"] : [];
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(exe: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(exe, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolvePromise({ status, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
  });
}

/** Type-checks the policy with the native compiler. Throws only when the compiler itself fails to run. */
export async function checkWithTsc7(input: TypecheckInput): Promise<Diagnostic[]> {
  const session = input.session;
  if (session) return session.exclusive(() => checkIn(session.folder(), input, true));
  const dir = await mkdtemp(join(tmpdir(), "meshc-typecheck-"));
  try {
    return await checkIn(dir, input, false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `text` only when the file holds something else, so an unchanged file keeps its modification time. */
async function writeIfChanged(path: string, text: string): Promise<void> {
  const before = await readFile(path, "utf8").catch(() => undefined);
  if (before !== text) await writeFile(path, text);
}

/**
 * One check with the tsconfig and the registry in `dir`. Incremental: TypeScript keeps what it learned in
 * `dir`'s .tsbuildinfo and re-checks only files whose text, or whose dependencies' declarations, changed; the
 * diagnostics it reports are the same as a full check's (test/typecheck/session.test.ts).
 */
async function checkIn(dir: string, input: TypecheckInput, incremental: boolean): Promise<Diagnostic[]> {
  const exe = await tsc7Executable();
  const registryPath = join(dir, REGISTRY_FILE);
  const configPath = join(dir, "tsconfig.json");
  await writeIfChanged(registryPath, input.registry);
  const files = [registryPath, ...input.files.map((f) => resolve(f))];
  const compilerOptions = incremental ? { ...COMPILER_OPTIONS, incremental: true, tsBuildInfoFile: join(dir, "policy.tsbuildinfo") } : COMPILER_OPTIONS;
  await writeIfChanged(configPath, JSON.stringify({ compilerOptions, files }, null, 2));
  const cwd = resolve(input.root);
  const result = await run(exe, ["-p", configPath, "--pretty", "false", ...checkerArgs()], cwd);
  const parsed = parseTscOutput(result.stdout);
  // tsc exits 0 when clean and 1 or 2 when it reported diagnostics; anything else is a crash.
  const reported = (result.status === 1 || result.status === 2) && parsed.length > 0;
  if (result.status !== 0 && !reported) {
    const why = result.signal ? `signal ${result.signal}` : `exit status ${result.status}`;
    throw new Error(`TypeScript 7 (${exe}) failed with ${why}: ${(result.stderr || result.stdout).trim().slice(0, 2000)}`);
  }
  const isPolicyFile = policyFilePredicate(input.root, input.files);
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of parsed) {
    if (d.category === "message") continue;
    const severity = d.category;
    if (d.file === undefined) {
      diagnostics.push({ code: d.code, severity, message: d.message });
      continue;
    }
    const file = resolve(cwd, d.file);
    if (!isPolicyFile(file)) continue;
    let text = texts.get(file);
    if (text === undefined) {
      text = await readFile(file, "utf8");
      texts.set(file, text);
    }
    const start = offsetOf(text, d.line!, d.column!);
    diagnostics.push({ code: d.code, severity, message: d.message, span: { file, start, length: tokenLength(text, start) } });
  }
  return diagnostics;
}
