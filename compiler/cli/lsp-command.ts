// `meshc lsp`: the language server (compiler/lsp) on standard input and output, as editors start it.
import type { Command } from "commander";
import type { CommandContext } from "./command-context";

export function addLspCommand(program: Command, ctx: CommandContext): void {
  program
    .command("lsp")
    .description("Run the language server on stdio: MESH diagnostics as you type, quick fixes, hover on svc references.")
    .option("--stdio", "talk LSP over standard input and output (the only transport; editors pass it)")
    .action(async () => {
      const { createConnection, ProposedFeatures } = require("vscode-languageserver/node") as typeof import("vscode-languageserver/node");
      const { startServer } = require("../lsp/server") as typeof import("../lsp/server");
      await new Promise<void>((resolve) => {
        const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
        // After `exit` nothing else may run: stdin would keep the process alive.
        connection.onExit(() => {
          resolve();
          setImmediate(() => process.exit(0));
        });
        startServer(connection);
        ctx.setStatus(0);
      });
    });
}
