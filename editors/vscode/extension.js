// meshc for VS Code: starts `meshc lsp --stdio` for TypeScript files and lets VS Code's own TypeScript server go
// on beside it (TypeScript 7 loads no language-service plugins, so meshc runs as a second server).
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("meshc");
  const [command, ...args] = config.get("command", ["npx", "meshc", "lsp", "--stdio"]);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const entry = config.get("entry", "");
  client = new LanguageClient(
    "meshc",
    "meshc",
    { command, args, transport: TransportKind.stdio, options: { cwd: folder, shell: process.platform === "win32" } },
    {
      documentSelector: [{ scheme: "file", language: "typescript" }],
      initializationOptions: entry ? { entry: folder ? require("node:path").resolve(folder, entry) : entry } : {},
    },
  );
  context.subscriptions.push({ dispose: () => client?.stop() });
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
