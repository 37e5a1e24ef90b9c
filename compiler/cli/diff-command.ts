// `meshc diff <base> <head>` and `meshc diff --git <rev> <entry>`: what a policy change does to traffic
// (compiler/review/diff), as text, a pull-request comment (Markdown) or JSON. `--attach <file>` also writes the
// whole answer as JSON, which a comment cut to GitHub's size limit points at.
import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import type { CommandContext } from "./command-context";
import type { SideResult } from "./diff-sides";

interface DiffOptions {
  git?: string;
  format: "text" | "markdown" | "json";
  attach?: string;
  drill: string[];
}

export function addDiffCommand(program: Command, ctx: CommandContext): void {
  program
    .command("diff")
    .description("Show what a policy change does to traffic: semantic changes per service, the sidecars that get new config, the files that differ.")
    .argument("<base>", "a policy entry file, a build output folder, or with --git the entry file whose earlier revision is the base")
    .argument("[head]", "a policy entry file or a build output folder (with --git: the entry as it is now)")
    .option("--git <rev>", "compare the entry at this git revision (e.g. origin/main) with the entry as it is now")
    .addOption(new Option("--format <format>", "output format").choices(["text", "markdown", "json"]).default("text"))
    .option("--attach <file>", "also write the whole diff as JSON to this file (the Markdown comment points at it when cut)")
    .option("--drill <name...>", "drills both builds switch on (they change which sidecars a drill edit reaches)", [])
    .action(async (first: string, second: string | undefined, opts: DiffOptions) => {
      const { loadRevision, loadSide } = require("./diff-sides") as typeof import("./diff-sides");
      let base: SideResult;
      let head: SideResult;
      if (opts.git !== undefined) {
        if (second !== undefined) ctx.usage("with --git, give one entry file: its revision is the base and the file as it is now the head");
        const entry = ctx.entryPath(first);
        base = await loadRevision(entry, opts.git, opts.drill);
        head = await loadSide(first, opts.drill);
      } else {
        if (second === undefined) ctx.usage("diff needs a base and a head (or --git <rev> and one entry file)");
        base = await loadSide(first, opts.drill);
        head = await loadSide(second, opts.drill);
      }
      for (const side of [base, head]) {
        if (side.ok) continue;
        if ("usage" in side) ctx.usage(side.usage);
        ctx.report(side.failed);
        ctx.setStatus(1);
        return;
      }
      if (!base.ok || !head.ok) return;
      const { semanticDiff } = require("../review/diff/semantic-diff") as typeof import("../review/diff/semantic-diff");
      const { diffMarkdown } = require("../review/diff/render-markdown") as typeof import("../review/diff/render-markdown");
      const { diffText } = require("../review/diff/render-text") as typeof import("../review/diff/render-text");
      const diff = semanticDiff(base.side, head.side, [...opts.drill].sort());
      const json = JSON.stringify(diff, null, 2) + "\n";
      if (opts.attach) writeFileSync(opts.attach, json);
      ctx.io.out(opts.format === "json" ? json : opts.format === "markdown" ? diffMarkdown(diff, opts.attach ?? null) : diffText(diff));
    });
}
