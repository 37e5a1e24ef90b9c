#!/usr/bin/env node
// meshc is written in TypeScript and runs through tsx's loader (esbuild), so there is no build step to forget.
// One-shot commands run in a thread whose heap is sized to the machine (compiler/cli/command-thread.ts).
require("tsx/cjs/api").register();
const { runCommand } = require("../compiler/cli/command-thread.ts");
runCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
