// The editor setups start the server this CLI has: the VS Code extension's manifest names an existing main file
// that Node can parse and a default command `meshc lsp --stdio`, and the documented Neovim and Helix setups
// run the same command.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../compiler/cli/main";

const root = resolve(__dirname, "../..");
const folder = join(root, "editors/vscode");

test("the VS Code extension: a manifest, a main file Node parses, the default command", async () => {
  const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  assert.ok(existsSync(join(folder, manifest.main)));
  assert.is(spawnSync(process.execPath, ["--check", join(folder, manifest.main)]).status, 0);
  const command: string[] = manifest.contributes.configuration.properties["meshc.command"].default;
  assert.equal(command.slice(1), ["meshc", "lsp", "--stdio"]);
  let help = "";
  assert.is(await main(["lsp", "--help"], { out: (t) => void (help += t), err: (t) => void (help += t) }), 0);
  assert.match(help, /Usage: meshc lsp \[options\][\s\S]*--stdio/);
});

test("docs/editors.md: Neovim and Helix start the same command", () => {
  const doc = readFileSync(join(root, "docs/editors.md"), "utf8");
  assert.match(doc, /cmd = \{ "npx", "meshc", "lsp", "--stdio" \}/);
  assert.match(doc, /args = \["meshc", "lsp", "--stdio"\]/);
});

test.run();
