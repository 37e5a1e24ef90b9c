// The simulator's browser code, bundled at report time by esbuild (in memory, nothing written) into one
// minified script the page carries inline: the same modules `meshc explain` runs, none of Node's.
import { build } from "esbuild";
import { join } from "node:path";

const ENTRY = join(__dirname, "page", "simulator-page.ts");

export async function simulatorBundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
