#!/usr/bin/env node
// meshc is written in TypeScript and runs through tsx's loader (esbuild), so there is no build step to forget.
require("tsx/cjs/api").register();
const { main } = require("../compiler/cli/main.ts");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
