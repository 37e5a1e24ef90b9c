// `meshc lsp` after a one-line change in a team file of a generated mesh (issue 18: goal < 300 ms at 1 000
// services, < 1 s at 10 000), in its own process; prints one JSON line.
//   node --import tsx bench/lsp-bench.ts [--size 1000] [--repeat 5]
// Speaks LSP over stdio to a real `meshc lsp` child: opens a team file, waits for its first diagnostics, then
// shifts a canary weight by one point (one line) and times didChange → publishDiagnostics, `repeat` times; the
// server's 80 ms settle time is included, as an author waits for it too.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, repeat: { type: "string", default: "5" } } });
const size = Number(values.size);
const repeat = Number(values.repeat);

async function main(): Promise<object> {
  const work = mkdtempSync(join(tmpdir(), `meshc-lsp-bench-${size}-`));
  const child = spawn(process.execPath, [join(__dirname, "../bin/meshc.js"), "lsp", "--stdio"], { cwd: work, stdio: ["pipe", "pipe", "inherit"] });
  try {
    const mesh = generateMesh({ services: size });
    writeMesh(work, mesh.files);
    const team = [...mesh.files.keys()].find((p) => p.startsWith("teams/") && /to: \{ v1: \d+, v2: \d+ \}/.test(mesh.files.get(p)!))!;
    const file = join(work, team);
    const uri = pathToFileURL(file).href;
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    let waiting: ((n: number) => void) | null = null;
    rpc.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: unknown[] }) => {
      if (p.uri === uri && waiting) {
        const w = waiting;
        waiting = null;
        w(p.diagnostics.length);
      }
    });
    rpc.listen();
    await rpc.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: {} });
    await rpc.sendNotification("initialized", {});
    const published = () => new Promise<number>((done) => (waiting = done));
    let text = readFileSync(file, "utf8");
    let t = performance.now();
    let next = published();
    await rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const openDiagnostics = await next;
    const firstMs = performance.now() - t;
    const changes: number[] = [];
    for (let i = 0; i < repeat; i++) {
      text = text.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - 1}, v2: ${Number(b) + 1} }`);
      next = published();
      t = performance.now();
      await rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] });
      const n = await next;
      changes.push(performance.now() - t);
      if (n !== 0) throw new Error(`the change produced ${n} diagnostics`);
    }
    await rpc.sendRequest("shutdown");
    await rpc.sendNotification("exit");
    const sorted = [...changes].sort((a, b) => a - b);
    return { size, team, openDiagnostics, firstMs, changeMs: changes, medianMs: sorted[Math.floor(sorted.length / 2)] };
  } finally {
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + "\n"),
  (e) => {
    process.stdout.write(JSON.stringify({ size, error: [String(e?.stack ?? e)] }) + "\n");
    process.exitCode = 1;
  },
);
