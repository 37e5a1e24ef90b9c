// `meshc explain <entry> --from A --to B [--header k=v …] [--path p] [--method m] [--query k=v …] [--zone z]
// [--drill d …] [--json]`: one request through the compiled policy (compiler/review/explain), each decision
// with the file:line that made it. A policy with errors is reported as `check` reports it (exit 1): its model
// may not be what the author meant.
import { type Command, Option } from "commander";
import type { Checker } from "../build";
import { didYouMean } from "../checks/did-you-mean";
import { hasErrors } from "../diagnostics/diagnostic";
import { type CommandContext, pairsOption } from "./command-context";

interface ExplainOptions {
  from: string;
  to: string;
  header: string[];
  query: string[];
  path: string;
  method: string;
  zone?: string;
  drill: string[];
  json: boolean;
  checker: Checker;
}

export function addExplainCommand(program: Command, ctx: CommandContext): void {
  program
    .command("explain")
    .description("Show how one request travels through the compiled policy: route, split, timeouts, limits, access, drills, zones.")
    .argument("<entry>", "the policy's entry file")
    .requiredOption("--from <service>", "the calling service")
    .requiredOption("--to <service>", "the called service")
    .option("--header <name=value...>", "a request header (repeatable)", [])
    .option("--query <name=value...>", "a query parameter (repeatable)", [])
    .option("--path <path>", "the request path", "/")
    .option("--method <method>", "the request method", "GET")
    .option("--zone <zone>", "the caller's zone (default: the mesh's first zone)")
    .option("--drill <name...>", "drills the build switches on", [])
    .option("--json", "print the explanation as JSON", false)
    .addOption(new Option("--checker <checker>", "TypeScript checker: tsc7, ts6 or none (the semantic checks always run)").choices(["tsc7", "ts6", "none"]).default("none"))
    .action(async (entry: string, opts: ExplainOptions) => {
      const request = {
        from: opts.from,
        to: opts.to,
        headers: pairsOption(opts.header, "header", ctx, true),
        query: pairsOption(opts.query, "query", ctx, false),
        path: opts.path,
        method: opts.method.toUpperCase(),
        zone: opts.zone ?? null,
        drills: opts.drill,
      };
      const entryFile = ctx.entryPath(entry);
      const { build } = require("../build") as typeof import("../build");
      const { explain, isProblem } = require("../review/explain/explain") as typeof import("../review/explain/explain");
      const { explainJson } = require("../review/explain/explain-json") as typeof import("../review/explain/explain-json");
      const { allPaths, explainPaths, explainText } = require("../review/explain/explain-text") as typeof import("../review/explain/explain-text");
      const { sourcePlaces } = require("../review/source-places") as typeof import("../review/source-places");
      const result = await build({ entry: entryFile, checker: opts.checker, emit: false });
      if (!result.model || hasErrors(result.diagnostics)) {
        ctx.report(result);
        ctx.setStatus(1);
        return;
      }
      const known = new Set(result.model.drills.map((d) => d.name));
      for (const d of opts.drill) if (!known.has(d)) ctx.usage(`no drill '${d}' in the policy; ${didYouMean(d, [...known], "drill")}`);
      const explained = explain(result.model, request);
      if (isProblem(explained)) ctx.usage(`no ${explained.problem === "unknown-zone" ? "zone" : "service"} '${explained.name}' in the policy; ${didYouMean(explained.name, explained.known, explained.problem === "unknown-zone" ? "zone" : "service")}`);
      const places = sourcePlaces({ entry: entryFile, sources: result.sources }, allPaths(explainPaths(explained)));
      ctx.io.out(opts.json ? JSON.stringify(explainJson(explained, places), null, 2) + "\n" : explainText(explained, places));
    });
}
