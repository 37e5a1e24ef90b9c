// `meshc lsp` spoken to over stdio, as an editor does (vscode-jsonrpc on the child's pipes): open a team file of
// the example, introduce each of three mistakes (an unknown service, a version the callee lacks, a call the
// callee's allowFrom refuses), get the MESH diagnostic at the right range, apply the quick fix the server
// offers, and get none. Hover on `svc.x` shows the service's versions, ports, callers and routes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextEdit } from "vscode-languageserver";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "meshc-lsp-test-"));
const policy = join(scratch, "uaek");
cpSync(join(root, "examples/uaek"), policy, { recursive: true });
const shopFile = join(policy, "teams/shop.ts");
const financeFile = join(policy, "teams/finance.ts");
const shopUri = pathToFileURL(shopFile).href;
const financeUri = pathToFileURL(financeFile).href;

let child: ChildProcess;
let rpc: MessageConnection;
const latest = new Map<string, Diagnostic[]>();
let waiters: { uri: string; done: () => void }[] = [];
const docs = new Map<string, TextDocument>();

function meshDiagnostics(uri: string): Diagnostic[] {
  return (latest.get(uri) ?? []).filter((d) => d.severity === 1);
}

/** Waits for the next diagnostics of `uri` (the server publishes them for every open document after each build). */
function nextDiagnostics(uri: string, timeoutMs = 60_000): Promise<Diagnostic[]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      clearTimeout(timer);
      done(meshDiagnostics(uri));
    };
    waiters.push({ uri, done: check });
  });
}

async function open(uri: string, file: string): Promise<void> {
  const text = readFileSync(file, "utf8");
  docs.set(uri, TextDocument.create(uri, "typescript", 1, text));
  await rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
}

async function change(uri: string, text: string): Promise<void> {
  const doc = docs.get(uri)!;
  const next = TextDocument.create(uri, "typescript", doc.version + 1, text);
  docs.set(uri, next);
  await rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
}

/** Applies a quick fix's workspace edit as an editor does: to the open documents, opening the ones it needs. */
async function apply(action: CodeAction): Promise<void> {
  for (const [uri, edits] of Object.entries(action.edit!.changes!)) {
    if (!docs.has(uri)) await open(uri, uri === financeUri ? financeFile : shopFile);
    await change(uri, TextDocument.applyEdits(docs.get(uri)!, edits as TextEdit[]));
  }
}

function textAt(uri: string, d: Diagnostic): string {
  return docs.get(uri)!.getText(d.range);
}

async function fixes(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return rpc.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ["quickfix"] } });
}

test.before(async () => {
  child = spawn(process.execPath, [join(root, "bin/meshc.js"), "lsp", "--stdio"], { cwd: scratch, stdio: ["pipe", "pipe", "inherit"] });
  rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  rpc.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    const ready = waiters.filter((w) => w.uri === p.uri);
    waiters = waiters.filter((w) => w.uri !== p.uri);
    for (const w of ready) w.done();
  });
  rpc.listen();
  const init = await rpc.sendRequest<{ capabilities: { hoverProvider: boolean } }>("initialize", { processId: process.pid, rootUri: pathToFileURL(policy).href, capabilities: {} });
  assert.ok(init.capabilities.hoverProvider);
  await rpc.sendNotification("initialized", {});
});

test.after(async () => {
  await rpc.sendRequest("shutdown");
  await rpc.sendNotification("exit");
  await new Promise((done) => child.once("exit", done));
  rmSync(scratch, { recursive: true, force: true });
});

test("the example opens clean", async () => {
  const first = nextDiagnostics(shopUri);
  await open(shopUri, shopFile);
  assert.equal(await first, []);
});

test("an unknown service: MESH101 on the misspelled name; the quick fix spells it right", async () => {
  const original = docs.get(shopUri)!.getText();
  const pending = nextDiagnostics(shopUri);
  await change(shopUri, original.replace("calls: [svc.inventory,", "calls: [svc.inventry,"));
  const [d, ...rest] = await pending;
  assert.equal(rest, []);
  assert.is(d!.code, "MESH101");
  assert.is(textAt(shopUri, d!), "inventry");
  const [fix] = await fixes(shopUri, d!);
  assert.is(fix!.title, "Change 'inventry' to 'inventory'");
  const cleared = nextDiagnostics(shopUri);
  await apply(fix!);
  assert.equal(await cleared, []);
  assert.is(docs.get(shopUri)!.getText(), original);
});

test("a version the callee lacks: MESH102 on the route's version; the quick fix picks the declared one", async () => {
  const original = docs.get(shopUri)!.getText();
  const pending = nextDiagnostics(shopUri);
  await change(shopUri, original.replace('when: { headers: { "x-account-id": grayAccounts } }, to: "v2" }', 'when: { headers: { "x-account-id": grayAccounts } }, to: "v2x" }'));
  const [d, ...rest] = await pending;
  assert.equal(rest, []);
  assert.is(d!.code, "MESH102");
  assert.ok(textAt(shopUri, d!).includes("v2x"), textAt(shopUri, d!));
  const [fix] = await fixes(shopUri, d!);
  assert.is(fix!.title, "Change 'v2x' to 'v2'");
  const cleared = nextDiagnostics(shopUri);
  await apply(fix!);
  assert.equal(await cleared, []);
  assert.is(docs.get(shopUri)!.getText(), original);
});

test("a call the callee's allowFrom refuses: MESH400 on the call, related to the allowFrom; the fix admits the caller", async () => {
  const original = docs.get(shopUri)!.getText();
  const pending = nextDiagnostics(shopUri);
  await change(shopUri, original.replace("calls: [svc.inventory, svc.pricing, svc.payments, svc.accounts],", "calls: [svc.inventory, svc.pricing, svc.payments, svc.accounts, svc.ledger],"));
  const [d, ...rest] = await pending;
  assert.equal(rest, []);
  assert.is(d!.code, "MESH400");
  assert.is(textAt(shopUri, d!), "ledger");
  assert.is(d!.relatedInformation![0]!.location.uri, financeUri);
  const [fix] = await fixes(shopUri, d!);
  assert.is(fix!.title, "Add svc.orders to the allowFrom of 'ledger'");
  const cleared = nextDiagnostics(shopUri);
  await apply(fix!);
  assert.equal(await cleared, []);
  assert.match(docs.get(financeUri)!.getText(), /access: \{ allowFrom: \[svc\.payments, svc\.orders\] \}/);
});

test("hover on svc.payments: versions, ports, callers, routes", async () => {
  const text = docs.get(shopUri)!.getText();
  const offset = text.indexOf("svc.payments") + 5;
  const position = docs.get(shopUri)!.positionAt(offset);
  const hover = await rpc.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri: shopUri }, position });
  const value = (hover!.contents as { value: string }).value;
  assert.match(value, /\*\*payments\*\* — namespace `finance`/);
  assert.match(value, /versions: v1, v2/);
  assert.match(value, /ports: http 8080\/http/);
  assert.match(value, /callers: orders/);
  assert.match(value, /`beta-merchants`: method POST or PUT; header x-account-id matching \/9\[0-9\]\{3\}\/ → v2/);
});

test.run();
